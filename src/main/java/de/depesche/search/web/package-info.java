@NullMarked
package de.depesche.search.web;

import org.jspecify.annotations.NullMarked;
