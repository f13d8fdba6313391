// SPDX-License-Identifier: Apache-2.0
package io.qss.ups.internal;

import io.qss.core.health.ComponentHealth;
import io.qss.core.health.HealthReport;
import io.qss.core.health.HealthState;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The health component {@code ups}: polls apcupsd's network information server on its own thread and answers
 * {@link #health()} from the last poll (never blocking the caller). Logs each change of state once.
 */
@Component(service = ComponentHealth.class, immediate = true, configurationPid = "io.qss.ups")
@Designate(ocd = UpsComponent.Config.class)
public final class UpsComponent implements ComponentHealth {

    private static final Logger LOG = LoggerFactory.getLogger(UpsComponent.class);

    @ObjectClassDefinition(name = "qss UPS", description = "Polls apcupsd's network information server (apcaccess).")
    public @interface Config {
        @AttributeDefinition(description = "Host of apcupsd's network information server (NISIP).")
        String host() default "127.0.0.1";

        @AttributeDefinition(description = "TCP port of apcupsd's network information server (NISPORT).")
        int port() default 3551;

        @AttributeDefinition(description = "Seconds between two polls.")
        int pollSeconds() default 10;
    }

    private final ScheduledExecutorService scheduler =
            Executors.newSingleThreadScheduledExecutor(r -> new Thread(r, "qss-ups-poll"));
    private final NisClient client;
    private final String source;
    private volatile HealthReport report;

    @Activate
    public UpsComponent(Config config) {
        int pollSeconds = Math.max(1, config.pollSeconds());
        source = config.host() + ":" + config.port();
        client = new NisClient(config.host(), config.port(), Duration.ofSeconds(Math.min(5, pollSeconds)));
        report = HealthReport.of(HealthState.STARTING, "first poll of apcupsd pending [source=" + source + "]");
        scheduler.scheduleWithFixedDelay(this::poll, 0, pollSeconds, TimeUnit.SECONDS);
    }

    @Deactivate
    void deactivate() {
        scheduler.shutdownNow();
    }

    private void poll() {
        HealthReport next;
        try {
            next = UpsHealth.of(ApcStatus.parse(client.status()), source);
        } catch (IOException | RuntimeException e) {
            next = UpsHealth.unreachable(
                    source, e.getCause() == null ? e.toString() : e.getCause().toString());
        }
        HealthReport previous = report;
        report = next;
        if (previous.state() != next.state()) {
            if (next.state() == HealthState.UP) {
                LOG.info("UPS {}", next.detail());
            } else {
                LOG.warn("UPS {}", next.detail());
            }
        }
    }

    @Override
    public String componentName() {
        return "ups";
    }

    @Override
    public HealthReport health() {
        return report;
    }
}
