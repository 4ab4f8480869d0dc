package dev.verity.store;

/**
 * What the job store knows of one dataset object's progress, from one read of its item.
 *
 * @param complete counted complete (all its answers, or every slot declined)
 * @param answers  workers who answered it
 * @param declines workers who declined it
 */
public record ObjectState(boolean complete, int answers, int declines) {

    public static final ObjectState NEW = new ObjectState(false, 0, 0);

    /** No slot is left to claim: the object is complete, or as many workers as it needs answered it. */
    public boolean takesNoMoreAnswers(int workersPerObject) {
        return complete || answers >= workersPerObject;
    }
}
