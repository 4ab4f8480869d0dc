package dev.verity.bench;

/** Calls {@code sample} every {@code periodMillis} ms on a daemon thread until closed: the heap samplers' loop. */
final class SamplingThread implements AutoCloseable {

    private final Thread thread;
    private volatile boolean running = true;

    SamplingThread(String name, long periodMillis, Runnable sample) {
        thread = new Thread(
                () -> {
                    while (running) {
                        sample.run();
                        try {
                            Thread.sleep(periodMillis);
                        } catch (InterruptedException e) {
                            return;
                        }
                    }
                },
                name);
        thread.setDaemon(true);
        thread.start();
    }

    @Override
    public void close() {
        running = false;
        thread.interrupt();
    }
}
