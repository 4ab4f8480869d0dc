package dev.verity.emulators;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.pekko.actor.ActorRef;
import org.apache.pekko.actor.ActorSystem;
import org.apache.pekko.actor.Props;
import org.apache.pekko.pattern.Patterns;
import org.elasticmq.actor.QueueManagerActor;
import org.elasticmq.actor.queue.QueueEvent;
import org.elasticmq.persistence.CreateQueueMetadata;
import org.elasticmq.persistence.sql.DB;
import org.elasticmq.persistence.sql.SqlQueuePersistenceActor;
import org.elasticmq.persistence.sql.SqlQueuePersistenceConfig;
import org.elasticmq.rest.sqs.SQSRestServerBuilder;
import org.elasticmq.util.NowProvider;
import org.slf4j.LoggerFactory;
import scala.Option;
import scala.collection.immutable.List$;
import scalikejdbc.ConnectionPool$;

/**
 * ElasticMQ's own SQL persistence wired as the standalone server does it: a {@link SqlQueuePersistenceActor} is the
 * queue event listener of the queue manager, and {@code Restore} replays the stored queues and messages into it
 * before the HTTP port opens. The database is one H2 file, {@code <dir>/elasticmq.mv.db}.
 *
 * <p>Durability: ElasticMQ answers SendMessage, ReceiveMessage, ChangeMessageVisibility and DeleteMessage (and their
 * batch forms) only after this actor has written the change, and {@code WRITE_DELAY=0} makes H2 write every commit
 * to the file at once, so an acknowledged message write survives {@code kill -9} (not an OS crash: H2 does not
 * fsync). Queue creation, deletion and attribute changes are sent to the actor without waiting: they reach the file
 * a moment after the call returns, and at the latest before the next acknowledged message write (one actor, one
 * mailbox, in order), or at {@link #close()}. A message moved to its dead-letter queue by a receive is likewise
 * added there a moment after that receive returns.
 *
 * <p>ElasticMQ keeps its connection pool in scalikejdbc's process-wide default slot, so one JVM holds at most one
 * open instance.
 */
final class SqsPersistence implements AutoCloseable {
    static final String DATABASE_NAME = "elasticmq";
    private static final Duration RESTORE_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(30);
    // A queue name SQS cannot have: asking for its no-op removal waits until every event before it is written.
    private static final String NO_QUEUE = " ";
    private static Path openDirectory;

    private final Path directory;
    private final ActorSystem system;
    private final ActorRef store;
    private final ActorRef queueManager;
    private boolean closed;

    private SqsPersistence(Path directory, ActorSystem system, ActorRef store, ActorRef queueManager) {
        this.directory = directory;
        this.system = system;
        this.store = store;
        this.queueManager = queueManager;
    }

    /** Opens (or creates) the database in {@code directory} and restores its queues and messages. */
    static SqsPersistence open(Path directory) {
        Path dir = directory.toAbsolutePath().normalize();
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + dir, e);
        }
        claim(dir);
        QuietLogging.setLevelIfUnset(LoggerFactory.getLogger("scalikejdbc"), "WARN");
        String url = "jdbc:h2:file:" + dir.resolve(DATABASE_NAME) + ";WRITE_DELAY=0";
        SqlQueuePersistenceConfig config = new SqlQueuePersistenceConfig(true, "org.h2.Driver", url, "sa", "", false);
        ActorSystem system = null;
        try {
            bindConnectionPool(config);
            system = ActorSystem.create("elasticmq");
            scala.collection.immutable.List<CreateQueueMetadata> noBaseQueues = List$.MODULE$.empty();
            ActorRef store = system.actorOf(
                    Props.create(
                            SqlQueuePersistenceActor.class, () -> new SqlQueuePersistenceActor(config, noBaseQueues)),
                    "sqs-persistence");
            ActorRef queueManager = system.actorOf(
                    Props.create(
                            QueueManagerActor.class,
                            () -> new QueueManagerActor(
                                    new NowProvider(), SQSRestServerBuilder.sqsLimits(), Option.apply(store))),
                    "queue-manager");
            Object restored = await(
                    Patterns.ask(store, new QueueEvent.Restore(queueManager), RESTORE_TIMEOUT),
                    "restoring queues from " + dir);
            if (restored instanceof scala.util.Left<?, ?> errors) {
                throw new IllegalStateException("cannot restore queues from " + dir + ": " + errors.value());
            }
            return new SqsPersistence(dir, system, store, queueManager);
        } catch (RuntimeException e) {
            shutDown(system);
            release(dir);
            throw e;
        }
    }

    ActorSystem actorSystem() {
        return system;
    }

    ActorRef store() {
        return store;
    }

    ActorRef queueManager() {
        return queueManager;
    }

    /** Writes what is still queued for the database, stops the actors and closes the database. */
    @Override
    public synchronized void close() {
        if (closed) {
            return; // the pool and the claim may belong to a newer instance by now
        }
        closed = true;
        try {
            await(
                    Patterns.ask(store, new QueueEvent.MessageRemoved(NO_QUEUE, ""), STOP_TIMEOUT),
                    "flushing " + directory);
        } catch (RuntimeException e) {
            // stop anyway; what was not written was not acknowledged either
        }
        shutDown(system);
        release(directory);
    }

    /**
     * ElasticMQ's {@link DB} creates scalikejdbc's default pool only once per JVM; after a previous instance closed
     * it (or used another directory), point it at this database again. One connection up front turns a database
     * held by another process into an immediate error rather than a persistence actor that fails to start.
     */
    private static void bindConnectionPool(SqlQueuePersistenceConfig config) {
        DB.initializeSingleton(config);
        ConnectionPool$ pools = ConnectionPool$.MODULE$;
        Object name = pools.DEFAULT_NAME();
        if (!pools.isInitialized(name) || !config.uri().equals(pools.get(name).url())) {
            pools.singleton(
                    config.uri(),
                    config.username(),
                    config.password(),
                    pools.singleton$default$4(),
                    pools.DEFAULT_CONNECTION_POOL_FACTORY());
        }
        try {
            pools.borrow(name).close();
        } catch (SQLException | RuntimeException e) {
            throw new IllegalStateException("cannot open the SQS database " + config.uri(), e);
        }
    }

    private static void shutDown(ActorSystem system) {
        try {
            if (system != null) {
                system.terminate();
                system.getWhenTerminated().toCompletableFuture().get(STOP_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            // best effort
        } finally {
            // closing the last connection closes the H2 database and its file
            ConnectionPool$ pools = ConnectionPool$.MODULE$;
            pools.close(pools.DEFAULT_NAME());
        }
    }

    private static synchronized void claim(Path dir) {
        if (openDirectory != null) {
            throw new IllegalStateException("a durable SqsEmulator is already open in this JVM (" + openDirectory
                    + "); close it before opening " + dir);
        }
        openDirectory = dir;
    }

    private static synchronized void release(Path dir) {
        if (dir.equals(openDirectory)) {
            openDirectory = null;
        }
    }

    /** The reply to an ask, which itself fails after its timeout. */
    private static Object await(CompletionStage<Object> reply, String what) {
        try {
            return reply.toCompletableFuture().get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted " + what, e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("ElasticMQ failed " + what, e.getCause());
        }
    }
}
