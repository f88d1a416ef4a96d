/**
 * Job listings: entered in the newsroom or imported on a schedule from XML job feeds and schema.org
 * JobPosting JSON, normalised and de-duplicated, expired by their end date. Owns the tables job_*.
 */
@NullMarked
@org.springframework.modulith.ApplicationModule(displayName = "Jobs")
package de.depesche.job;

import org.jspecify.annotations.NullMarked;
