package nl.ireserve.saltoks.internal;

import java.util.Locale;
import nl.ireserve.saltoks.spi.Interceptor;
import nl.ireserve.saltoks.spi.OutgoingRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A host's {@link Interceptor} as Feign's request interceptor: it sees each attempt's method,
 * URL and operation and may add headers, but not the {@code Authorization} header the SDK sets. A throw is
 * logged and ignored: an interceptor never stops a call.
 */
final class HostInterceptor implements feign.RequestInterceptor {
  private static final Logger LOG = LoggerFactory.getLogger(HostInterceptor.class);
  private final Interceptor host;

  HostInterceptor(Interceptor host) {
    this.host = host;
  }

  @Override
  public void apply(feign.RequestTemplate template) {
    try {
      host.beforeSend(new OutgoingRequest() {
        @Override
        public String method() {
          return template.method();
        }

        @Override
        public String url() {
          String url = template.feignTarget() == null ? template.path()
              : template.feignTarget().url() + template.path();
          return url;
        }

        @Override
        public String operation() {
          Operation.Call c = template.methodMetadata() == null || template.methodMetadata().method() == null ? null
              : template.methodMetadata().method().getAnnotation(Operation.Call.class);
          return c == null ? "a SALTO KS call" : c.value();
        }

        @Override
        public void header(String name, String value) {
          Checks.text("name", name, 100);
          Checks.notNull("value", value);
          String lower = name.toLowerCase(Locale.ROOT);
          if (lower.equals("authorization") || lower.equals("proxy-authorization")) {
            throw new IllegalArgumentException("an interceptor may not set " + name + "; the SDK sets it");
          }
          template.removeHeader(name);
          template.headerLiteral(name, value);
        }
      });
    } catch (IllegalArgumentException e) {
      throw e;
    } catch (RuntimeException e) {
      LOG.warn("The client's interceptor failed ({}); the call goes on without it", e.getClass().getName());
    }
  }
}
