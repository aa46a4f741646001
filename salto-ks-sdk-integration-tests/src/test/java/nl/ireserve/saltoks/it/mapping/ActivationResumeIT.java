package nl.ireserve.saltoks.it.mapping;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.ZoneId;
import javax.sql.DataSource;
import nl.ireserve.saltoks.RetryPolicy;
import nl.ireserve.saltoks.SaltoKsClient;
import nl.ireserve.saltoks.exception.SaltoKsException;
import nl.ireserve.saltoks.iq.IqKey;
import nl.ireserve.saltoks.iq.IqSetup;
import nl.ireserve.saltoks.iq.PendingActivation;
import nl.ireserve.saltoks.it.support.Stores;
import nl.ireserve.saltoks.jdbc.KeyEncryption;
import nl.ireserve.saltoks.mapping.IqKeyStore;
import nl.ireserve.saltoks.testkit.FakeFault;
import nl.ireserve.saltoks.testkit.FakeIq;
import nl.ireserve.saltoks.testkit.FakeLock;
import nl.ireserve.saltoks.testkit.FakeSaltoKsExtension;
import nl.ireserve.saltoks.testkit.FakeRoute;
import nl.ireserve.saltoks.testkit.FakeSite;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The first IQ secret is readable once. It is stored, encrypted, before the PIN e-mail is requested,
 * so a failed or unanswered e-mail call does not cost the IQ: after a restart (a new client, a new
 * store over the same PostgreSQL database) the activation resumes and the door opens.
 */
class ActivationResumeIT {
  @RegisterExtension
  static final FakeSaltoKsExtension SALTO = FakeSaltoKsExtension.create()
      .clients(b -> b.retryPolicy(RetryPolicy.none()));

  @Test
  void pinEmailFailsAfterTheSecretWasRead_theActivationResumesAfterARestart() {
    DataSource ds = Db.fresh("activation_resume");
    KeyEncryption encryption = KeyEncryption.fromBase64(KeyEncryption.generateKey());
    FakeSite hotel = SALTO.server().addSite("NL6254340082", "Hotel", ZoneId.of("Europe/Amsterdam"));
    FakeIq iq = hotel.addUnactivatedIq("IQ Lobby");
    FakeLock alpha = hotel.addLock("Lock Alpha", iq);

    SALTO.server().faults().on(FakeRoute.IQ_SEND_PIN).next(1, FakeFault.status(502)); // a gateway in between
    IqKeyStore firstRun = Stores.of(ds).iqKeys(SALTO.server().site(hotel), encryption);
    IqSetup firstSetup = SALTO.site(hotel).iqSetup();
    assertThatThrownBy(() -> firstSetup.requestPin(iq.id(), firstRun::savePending))
        .isInstanceOf(SaltoKsException.class)
        .satisfies(e -> assertThat(((SaltoKsException) e).isOutcomeUnknown()).isTrue());
    assertThat(SALTO.server().sentPinEmails()).isEmpty();
    assertThat(SALTO.server().requestCount(FakeRoute.IQ_SECRET)).isEqualTo(1); // the secret was read once

    // restart: a new client and a new store over the same database
    try (SaltoKsClient restarted = SALTO.server().clientBuilder().build()) {
      IqKeyStore keys = Stores.of(ds).iqKeys(SALTO.server().site(hotel), encryption);
      IqSetup setup = restarted.site(SALTO.server().site(hotel)).iqSetup();
      PendingActivation pending = keys.findPending(iq.id()).orElseThrow();
      assertThat(pending.secret()).isEqualTo(iq.secret());
      setup.sendPin(pending); // GET PIN again, without reading the secret
      IqKey key = setup.activate(pending,
          SALTO.server().sentPinEmails().get(SALTO.server().sentPinEmails().size() - 1).pin());
      keys.save(key);
      assertThat(keys.findPending(iq.id())).isEmpty();
      restarted.site(SALTO.server().site(hotel)).locks().open(alpha.id(), keys.find(iq.id()).orElseThrow());
    }
    assertThat(SALTO.server().openings()).hasSize(1);
    assertThat(SALTO.server().requestCount(FakeRoute.IQ_SECRET)).isEqualTo(1);
    assertThat(Db.rows(ds, "SELECT secret_enc FROM saltoks_site_iq_key").toString()).doesNotContain(iq.secret());
  }
}
