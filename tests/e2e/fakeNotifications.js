// A notification service for the tests: it owns org.freedesktop.Notifications on the test's private
// session bus (scripts/with-keychain starts one; DBUS_SESSION_BUS_ADDRESS points at it), answers as a
// desktop's notification daemon does, and records every notification it is asked to show.
import dbus from "dbus-next";

const { Interface } = dbus.interface;

class Notifications extends Interface {
  constructor(shown) {
    super("org.freedesktop.Notifications");
    this.shown = shown;
    this.next = 1;
  }

  GetCapabilities() {
    return ["body"];
  }

  GetServerInformation() {
    return ["wbot-e2e", "wbot", "1.0", "1.2"];
  }

  Notify(appName, replacesId, appIcon, summary, body) {
    this.shown.push({ appName, summary, body });
    return this.next++;
  }

  CloseNotification() {}
}

Notifications.configureMembers({
  methods: {
    GetCapabilities: { inSignature: "", outSignature: "as" },
    GetServerInformation: { inSignature: "", outSignature: "ssss" },
    Notify: { inSignature: "susssasa{sv}i", outSignature: "u" },
    CloseNotification: { inSignature: "u", outSignature: "" },
  },
});

/** Starts the service; `shown` fills as notifications arrive; `stop()` leaves the bus. */
export async function startFakeNotifications() {
  if (!process.env.DBUS_SESSION_BUS_ADDRESS) throw new Error("no session bus (run under scripts/with-keychain)");
  const bus = dbus.sessionBus();
  const shown = [];
  const reply = await bus.requestName("org.freedesktop.Notifications", dbus.NameFlag.DO_NOT_QUEUE);
  if (reply !== dbus.RequestNameReply.PRIMARY_OWNER) {
    bus.disconnect();
    throw new Error("another notification service owns the bus name (run under scripts/with-keychain)");
  }
  bus.export("/org/freedesktop/Notifications", new Notifications(shown));
  return {
    shown,
    stop: () => bus.disconnect(),
  };
}
