/** The job board for readers, the newsroom's job screens and the import API; they use only the module's public API. */
@NullMarked
package de.depesche.job.web;

import org.jspecify.annotations.NullMarked;
