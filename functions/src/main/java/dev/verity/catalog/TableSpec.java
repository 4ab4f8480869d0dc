package dev.verity.catalog;

import java.util.List;

/** One DynamoDB table: string partition and sort keys, global secondary indexes projecting all attributes. */
public record TableSpec(String name, String partitionKey, String sortKey, List<IndexSpec> indexes) {

    /** A global secondary index with string keys. */
    public record IndexSpec(String name, String partitionKey, String sortKey) {}
}
