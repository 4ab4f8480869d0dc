package dev.verity.local;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** A {@link DemoStore} in memory, for checking demo data without a runtime. */
final class MemoryStore implements DemoStore {

    private final Map<String, byte[]> files = new ConcurrentHashMap<>();

    @Override
    public String put(String name, byte[] bytes) {
        String uri = "s3://bucket/demo/" + name;
        files.put(uri, bytes.clone());
        return uri;
    }

    @Override
    public byte[] get(String uri) {
        byte[] bytes = files.get(uri);
        if (bytes == null) {
            throw new IllegalArgumentException("nothing stored at " + uri);
        }
        return bytes.clone();
    }
}
