package io.gantry.scheduler;

import io.gantry.scheduler.cluster.Node;
import io.gantry.scheduler.query.Query;
import java.util.Arrays;
import java.util.List;

/**
 * What the nodes' profiles alone decide for a request, by node position: the reason a node can
 * take none of its tasks (not ACTIVE, agent, a required attribute, a memberOf expression that
 * reads only the profile), and the positions left as candidates. Memoised in the snapshot under
 * {@link #key}; shared and never modified.
 */
record ProfileVerdicts(Reason[] reasons, int[] candidates) {

  /** The memo key: the required attributes and the expressions' sources. */
  record Key(List<RequiredAttribute> required, List<String> queries) {}

  static Key key(List<RequiredAttribute> required, List<Query> queries) {
    return new Key(List.copyOf(required), queries.stream().map(Query::source).toList());
  }

  static ProfileVerdicts of(Node[] nodes, List<RequiredAttribute> required, List<Query> queries) {
    Reason[] reasons = new Reason[nodes.length];
    int[] candidates = new int[nodes.length];
    int count = 0;
    for (int i = 0; i < nodes.length; i++) {
      Node node = nodes[i];
      Reason r = Fit.state(node);
      if (r == null) {
        r = Fit.attributes(node, required).orElse(null);
      }
      if (r == null && !PlacementRun.all(queries, node)) {
        r = Reason.MEMBER_OF;
      }
      reasons[i] = r;
      if (r == null) {
        candidates[count++] = i;
      }
    }
    return new ProfileVerdicts(reasons, Arrays.copyOf(candidates, count));
  }
}
