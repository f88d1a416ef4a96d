package de.depesche.subscription;

/** How news reaches a subscriber: by e-mail, or through a personal feed URL (no e-mail needed). */
public enum Channel { EMAIL, FEED }
