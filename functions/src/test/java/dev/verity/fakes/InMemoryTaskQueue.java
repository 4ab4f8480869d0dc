package dev.verity.fakes;

import dev.verity.queue.ReceivedTask;
import dev.verity.queue.TaskMessage;
import dev.verity.queue.TaskQueue;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One queue per job in memory, with SQS's visibility rules against a clock the test controls: a received message is
 * hidden for the visibility timeout and then visible again; each receive gives a new receipt handle, and only the
 * latest one deletes or releases the message (older ones are ignored). Unlike a standard SQS queue, messages are
 * received in the order they were sent, so tests are repeatable. Sending to a job with no queue fails, as SQS does.
 */
public final class InMemoryTaskQueue implements TaskQueue {

    /** A message as the queue keeps it. */
    public static final class Message {
        private final TaskMessage task;
        private Instant hiddenUntil = Instant.MIN;
        private String receipt;
        private int receives;

        private Message(TaskMessage task) {
            this.task = task;
        }

        public TaskMessage task() {
            return task;
        }

        public int receives() {
            return receives;
        }
    }

    private final Clock clock;
    private final Map<String, List<Message>> queues = new HashMap<>();
    private final Map<String, List<TaskMessage>> sent = new HashMap<>();
    private long receipts;

    public InMemoryTaskQueue(Clock clock) {
        this.clock = clock;
    }

    private static String name(String jobName) {
        return jobName.toLowerCase(Locale.ROOT); // queue names are the lower-case job name
    }

    @Override
    public synchronized void create(String jobName) {
        queues.putIfAbsent(name(jobName), new ArrayList<>());
    }

    @Override
    public synchronized void send(String jobName, List<TaskMessage> tasks) {
        List<Message> queue = existing(jobName);
        for (TaskMessage task : tasks) {
            queue.add(new Message(task));
        }
        sent.computeIfAbsent(name(jobName), j -> new ArrayList<>()).addAll(tasks);
    }

    @Override
    public synchronized List<ReceivedTask> receive(String jobName, int max, int visibilitySeconds) {
        List<Message> queue = queues.get(name(jobName));
        if (queue == null) {
            return List.of(); // as SqsTaskQueue answers for a queue that does not exist
        }
        Instant now = clock.instant();
        List<ReceivedTask> received = new ArrayList<>();
        for (Message message : queue) {
            if (received.size() >= Math.min(max, 10)) {
                break;
            }
            if (!message.hiddenUntil.isAfter(now)) {
                message.hiddenUntil = now.plusSeconds(visibilitySeconds);
                message.receipt = "receipt-" + ++receipts;
                message.receives++;
                received.add(new ReceivedTask(message.task, message.receipt));
            }
        }
        return received;
    }

    @Override
    public synchronized void delete(String jobName, String receiptHandle) {
        List<Message> queue = queues.get(name(jobName));
        if (queue != null) {
            queue.removeIf(m -> receiptHandle.equals(m.receipt));
        }
    }

    @Override
    public synchronized void release(String jobName, String receiptHandle) {
        List<Message> queue = queues.get(name(jobName));
        if (queue == null) {
            return;
        }
        for (Message message : queue) {
            if (receiptHandle.equals(message.receipt) && message.hiddenUntil.isAfter(clock.instant())) {
                message.hiddenUntil = Instant.MIN;
            }
        }
    }

    @Override
    public synchronized boolean drained(String jobName) {
        List<Message> queue = queues.get(name(jobName));
        return queue != null && queue.isEmpty(); // no queue yet: dispatch has not created it, nothing was lost
    }

    @Override
    public synchronized void deleteQueue(String jobName) {
        queues.remove(name(jobName));
    }

    private List<Message> existing(String jobName) {
        List<Message> queue = queues.get(name(jobName));
        if (queue == null) {
            throw new IllegalStateException("no task queue for job '" + jobName + "'");
        }
        return queue;
    }

    /** Whether the job has a queue. */
    public synchronized boolean exists(String jobName) {
        return queues.containsKey(name(jobName));
    }

    /** The messages in the job's queue now, visible or hidden, in the order they were sent. */
    public synchronized List<TaskMessage> messages(String jobName) {
        List<Message> queue = queues.getOrDefault(name(jobName), List.of());
        return queue.stream().map(Message::task).toList();
    }

    /** The messages a worker could receive now. */
    public synchronized List<TaskMessage> visible(String jobName) {
        Instant now = clock.instant();
        List<Message> queue = queues.getOrDefault(name(jobName), List.of());
        return queue.stream()
                .filter(m -> !m.hiddenUntil.isAfter(now))
                .map(Message::task)
                .toList();
    }

    /** The object ids of the messages in the queue now, in order (one per message). */
    public List<String> objectIds(String jobName) {
        return messages(jobName).stream().map(TaskMessage::objectId).toList();
    }

    /** Every message ever sent to the job's queue, in order, deleted ones included. */
    public synchronized List<TaskMessage> sent(String jobName) {
        return List.copyOf(sent.getOrDefault(name(jobName), List.of()));
    }

    /** Removes every message of the job's queue without a trace, as if they had been lost. */
    public synchronized void lose(String jobName) {
        existing(jobName).clear();
    }
}
