/** Reader pages of subscriptions (sign-up, confirmation, the manage page), the newsroom screens and the API. */
@NullMarked
package de.depesche.subscription.web;

import org.jspecify.annotations.NullMarked;
