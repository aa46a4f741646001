package nl.ireserve.saltoks;

import java.util.List;

/**
 * A site's subscription.
 *
 * @param seats the user amount the subscription allows
 * @param type the subscription's type, or empty
 * @param features its features, such as {@code custom_pin}
 */
public record Subscription(int seats, String type, List<String> features) {
  /** Copies the features. */
  public Subscription {
    features = List.copyOf(features);
  }
}
