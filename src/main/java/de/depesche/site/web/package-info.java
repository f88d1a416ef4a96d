@NullMarked
package de.depesche.site.web;

import org.jspecify.annotations.NullMarked;
