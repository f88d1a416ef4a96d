/**
 * Demo content for a first look: on an empty embedded database, a few categories, an editor account
 * and ten German articles written for Depesche. Owns no tables; it uses the article and account APIs.
 */
@NullMarked
@org.springframework.modulith.ApplicationModule(displayName = "Demo content")
package de.depesche.demo;

import org.jspecify.annotations.NullMarked;
