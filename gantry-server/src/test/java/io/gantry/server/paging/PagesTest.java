package io.gantry.server.paging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gantry.model.EcsException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.stream.IntStream;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

class PagesTest {
  @Property
  void walkingAllPagesYieldsEveryItemOnceInOrder(@ForAll @IntRange(min = 0, max = 60) int size,
      @ForAll @IntRange(min = 1, max = 25) int pageSize) {
    List<String> items = IntStream.range(0, size).mapToObj(i -> String.format("item-%03d", i)).toList();
    List<String> seen = new ArrayList<>();
    String token = null;
    int pages = 0;
    do {
      Pages.Page<String> page = Pages.page(items, Function.identity(), token, pageSize, 100, 100);
      assertThat(page.items().size()).isLessThanOrEqualTo(pageSize);
      seen.addAll(page.items());
      token = page.nextToken();
      assertThat(++pages).isLessThanOrEqualTo(size + 1);
    } while (token != null);
    assertThat(seen).isEqualTo(items);
  }

  @Test
  void itemsAddedBetweenCallsDoNotRepeatEarlierOnes() {
    List<String> first = List.of("a", "c", "e");
    Pages.Page<String> p1 = Pages.page(first, Function.identity(), null, 2, 100, 100);
    assertThat(p1.items()).containsExactly("a", "c");
    Pages.Page<String> p2 = Pages.page(List.of("a", "b", "c", "d", "e"), Function.identity(), p1.nextToken(), 2, 100, 100);
    assertThat(p2.items()).containsExactly("d", "e");
    assertThat(p2.nextToken()).isNull();
  }

  @Test
  void badTokenAndLimitsAreInvalidParameter() {
    assertThatThrownBy(() -> Pages.page(List.of("a"), Function.identity(), "!!!", 1, 100, 100))
        .isInstanceOf(EcsException.class).hasMessageContaining("nextToken");
    assertThatThrownBy(() -> Pages.page(List.of("a"), Function.identity(), null, 0, 100, 100))
        .isInstanceOf(EcsException.class).hasMessageContaining("maxResults");
    assertThatThrownBy(() -> Pages.page(List.of("a"), Function.identity(), null, 101, 100, 100))
        .isInstanceOf(EcsException.class);
  }
}
