/** The counted redirect /go/{id} and the newsroom's promo screens; they use only the module's public API. */
@NullMarked
package de.depesche.promo.web;

import org.jspecify.annotations.NullMarked;
