package dev.verity.emulators.states;

import java.time.Instant;

/** A created state machine: what CreateStateMachine stored. {@code definition} is the ASL JSON text as given. */
public record StateMachine(
        String arn, String name, String definition, String roleArn, String type, Instant creationDate) {}
