package de.depesche.job;

/** What a job source delivers: an XML job feed, schema.org JobPosting JSON(-LD), or whatever the content says. */
public enum FeedFormat { AUTO, XML, JSON }
