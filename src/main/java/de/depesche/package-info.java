@NullMarked
package de.depesche;

import org.jspecify.annotations.NullMarked;
