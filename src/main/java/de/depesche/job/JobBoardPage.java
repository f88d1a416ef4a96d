package de.depesche.job;

import java.util.List;

/** One page of the job board, numbered from 1. */
public record JobBoardPage(List<JobListing> items, int number, int size, long total) {

    public JobBoardPage {
        items = List.copyOf(items);
    }

    public int totalPages() {
        return (int) Math.max(1, (total + size - 1) / size);
    }

    public boolean hasPrevious() {
        return number > 1;
    }

    public boolean hasNext() {
        return number < totalPages();
    }
}
