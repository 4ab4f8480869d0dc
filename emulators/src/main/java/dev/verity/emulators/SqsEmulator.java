package dev.verity.emulators;

import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Path;
import org.apache.pekko.http.scaladsl.Http;
import org.elasticmq.rest.sqs.SQSRestServer;
import org.elasticmq.rest.sqs.SQSRestServerBuilder;
import org.elasticmq.rest.sqs.TheSQSRestServerBuilder;

/**
 * SQS on 127.0.0.1: ElasticMQ in-process, speaking the SQS JSON protocol SDK v2 uses. Queue URLs it returns are
 * {@code http://127.0.0.1:<port>/000000000000/<queue>}, so they work as request targets as-is.
 *
 * <p>Queues and messages live in memory, or, given a data directory, in an H2 database there that survives a
 * restart and {@code kill -9}: queues come back with their attributes, and messages that were in flight become
 * visible when their visibility timeout runs out. What is durable when a call returns: {@link SqsPersistence}.
 * Only one durable instance can be open per JVM.
 */
public final class SqsEmulator implements AutoCloseable {
    /** The account id in queue URLs and ARNs ({@code arn:aws:sqs:<region>:000000000000:<queue>}). */
    public static final String ACCOUNT_ID = "000000000000";

    private final SQSRestServer server;
    private final SqsPersistence persistence;
    private final int port;
    private final URI endpoint;

    private SqsEmulator(SQSRestServer server, SqsPersistence persistence, int port) {
        this.server = server;
        this.persistence = persistence;
        this.port = port;
        this.endpoint = URI.create("http://" + Ports.LOOPBACK + ":" + port);
    }

    /** Starts ElasticMQ for {@code region} (the region in queue ARNs), in memory. */
    public static SqsEmulator start(String region) {
        return start(region, null);
    }

    /**
     * Starts ElasticMQ for {@code region}, keeping queues and messages in {@code dataDirectory} (created if missing)
     * and restoring what is there; {@code null} keeps them in memory.
     */
    public static SqsEmulator start(String region, Path dataDirectory) {
        QuietLogging.apply();
        SqsPersistence persistence = dataDirectory == null ? null : SqsPersistence.open(dataDirectory);
        TheSQSRestServerBuilder builder = SQSRestServerBuilder.withInterface(Ports.LOOPBACK)
                .withDynamicPort()
                .withAWSRegion(region)
                .withAWSAccountId(ACCOUNT_ID);
        if (persistence != null) {
            builder = builder.withActorSystem(persistence.actorSystem())
                    .withQueueManagerActor(persistence.queueManager())
                    .withQueueEventListener(persistence.store());
        }
        SQSRestServer server = null;
        try {
            server = builder.start();
            Http.ServerBinding binding = server.waitUntilStarted();
            InetSocketAddress address = binding.localAddress();
            return new SqsEmulator(server, persistence, address.getPort());
        } catch (RuntimeException e) {
            stop(server, persistence);
            throw new IllegalStateException("ElasticMQ failed to start", e);
        }
    }

    public static SqsEmulator start() {
        return start(Emulators.DEFAULT_REGION);
    }

    /** {@code http://127.0.0.1:<port>} */
    public URI endpoint() {
        return endpoint;
    }

    public int port() {
        return port;
    }

    /** The URL ElasticMQ gives a queue of this name. */
    public String queueUrl(String queueName) {
        return endpoint + "/" + ACCOUNT_ID + "/" + queueName;
    }

    @Override
    public void close() {
        stop(server, persistence);
    }

    private static void stop(SQSRestServer server, SqsPersistence persistence) {
        try {
            if (server != null) {
                server.stopAndWait();
            }
        } catch (RuntimeException e) {
            // best effort
        }
        if (persistence != null) {
            persistence.close();
        }
    }
}
