@NullMarked
package de.depesche.account.web;

import org.jspecify.annotations.NullMarked;
