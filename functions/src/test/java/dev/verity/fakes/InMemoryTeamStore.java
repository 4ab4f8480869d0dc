package dev.verity.fakes;

import dev.verity.store.TeamStore;
import dev.verity.workforce.Workteam;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** {@link TeamStore} in a map keyed by the lower-case name, as DynamoTeamStore keys its items. */
public final class InMemoryTeamStore implements TeamStore {

    private final Map<String, Workteam> teams = new ConcurrentHashMap<>();
    private final Set<String> disabled = ConcurrentHashMap.newKeySet();

    private static String key(String name) {
        return name.toLowerCase(Locale.ROOT);
    }

    @Override
    public boolean create(Workteam team) {
        return teams.putIfAbsent(key(team.name()), team) == null;
    }

    @Override
    public Optional<Workteam> get(String name) {
        return Optional.ofNullable(teams.get(key(name)));
    }

    @Override
    public List<Workteam> list() {
        return new ArrayList<>(teams.values());
    }

    @Override
    public void put(Workteam team) {
        teams.put(key(team.name()), team);
    }

    @Override
    public boolean delete(String name) {
        return teams.remove(key(name)) != null;
    }

    @Override
    public void setDisabled(String workerSub, boolean isDisabled) {
        if (isDisabled) {
            disabled.add(workerSub);
        } else {
            disabled.remove(workerSub);
        }
    }

    @Override
    public boolean isDisabled(String workerSub) {
        return disabled.contains(workerSub);
    }
}
