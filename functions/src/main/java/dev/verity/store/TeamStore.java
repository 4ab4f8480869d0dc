package dev.verity.store;

import dev.verity.workforce.Workteam;
import java.util.List;
import java.util.Optional;

/**
 * Work teams, by name (case-insensitive), and the workers a requester has disabled, by their tokens' subject. Every
 * write is a single-item write.
 */
public interface TeamStore {

    /** Stores a new team; false if a team with that name (ignoring case) exists already. */
    boolean create(Workteam team);

    Optional<Workteam> get(String name);

    /** Every stored team, in no particular order (an account has a few dozen at most). */
    List<Workteam> list();

    /** Stores the team over the one of that name, or as a new one. */
    void put(Workteam team);

    /** Removes the team; false if there was none of that name. */
    boolean delete(String name);

    /** Marks the worker disabled (their tokens are refused) or enabled again. */
    void setDisabled(String workerSub, boolean disabled);

    boolean isDisabled(String workerSub);
}
