/** Reader pages, newsroom screens and the JSON API of the publishing module; they use only its public API. */
@NullMarked
package de.depesche.article.web;

import org.jspecify.annotations.NullMarked;
