import { screen, waitFor, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { BackendError } from "../../../../lib/backend";
import { FakeBackend } from "../../../../test/fakeBackend";
import { openSettings } from "../../../../test/settings";

const section = () => screen.getByRole("region", { name: "Updates" });
const button = (name: string) => within(section()).getByRole("button", { name });
const statusLine = () => within(section()).getByRole("status");

function withAna() {
  const backend = new FakeBackend();
  backend.seedProfile("Ana");
  return backend;
}

/** A beta the person runs on the stable channel, with an older stable release to go back to. */
function betaOnStable() {
  const backend = withAna();
  backend.updates.currentVersion = "0.3.0-beta.2";
  backend.updates.prerelease = true;
  backend.updates.releases.stable = { version: "0.2.0", notes: null };
  return backend;
}

describe("Update settings", () => {
  it("shows the version and the channel, and says when Wbot is up to date", async () => {
    const backend = withAna();
    const { user } = await openSettings(backend, "Updates");

    expect(within(section()).getByText("Version 0.1.0")).toBeInTheDocument();
    const channel = within(section()).getByLabelText("Update channel");
    expect(channel).toHaveValue("stable");
    expect(channel).toHaveAccessibleDescription(
      "Beta gets new features first and may have rough edges.",
    );
    expect(
      within(channel)
        .getAllByRole("option")
        .map((option) => option.textContent),
    ).toEqual(["Stable", "Beta"]);
    // The check made when the app opened already answered.
    await waitFor(() => {
      expect(statusLine()).toHaveTextContent("Wbot is up to date.");
    });
    expect(within(section()).queryByRole("button", { name: "Return to stable" })).toBeNull();

    await user.click(button("Check for updates"));

    await waitFor(() => {
      expect(backend.updates.checks).toEqual([false, false]);
    });
    expect(statusLine()).toHaveTextContent("Wbot is up to date.");
    expect(within(section()).queryByRole("button", { name: "Download and install" })).toBeNull();
  });

  it("shows an update with its notes, downloads it with progress, then restarts into it", async () => {
    const backend = withAna();
    const { user } = await openSettings(backend, "Updates");
    await waitFor(() => {
      expect(statusLine()).toHaveTextContent("Wbot is up to date.");
    });
    const notes = "Calmer breathing sounds.\n\n**New:** <b>journal</b> prompts";
    backend.updates.releases.stable = { version: "0.2.0", notes };

    await user.click(button("Check for updates"));

    await waitFor(() => {
      expect(statusLine()).toHaveTextContent("Wbot 0.2.0 is available");
    });
    // Plain text, line breaks kept: no Markdown or HTML made of it.
    const shown = within(section()).getByText(/Calmer breathing sounds/);
    expect(shown.textContent).toBe(notes);
    expect(within(section()).queryByText("journal", { selector: "b" })).toBeNull();

    const release = backend.updates.hold();
    await user.click(button("Download and install"));

    const bar = await within(section()).findByRole("progressbar", { name: "Downloading update" });
    await waitFor(() => {
      expect(bar).toHaveAttribute("aria-valuenow", "1500000");
    });
    expect(bar).toHaveAttribute("aria-valuemax", "6000000");
    expect(bar).toHaveAttribute("aria-valuetext", "1.5 of 6.0 MB");
    expect(within(section()).getByText("1.5 of 6.0 MB")).toBeInTheDocument();
    expect(button("Download and install")).toBeDisabled();
    expect(button("Check for updates")).toBeDisabled();
    release();

    await waitFor(() => {
      expect(statusLine()).toHaveTextContent("The update is installed. Restart Wbot to use it.");
    });
    expect(backend.updates.installed).toEqual(["0.2.0"]);
    expect(screen.queryByRole("progressbar")).toBeNull();
    expect(within(section()).queryByRole("button", { name: "Download and install" })).toBeNull();

    await user.click(button("Restart to update"));
    await waitFor(() => {
      expect(backend.updates.restarts).toBe(1);
    });
  });

  it("shows a download of unknown size as a moving bar", async () => {
    const backend = withAna();
    backend.updates.releases.stable = { version: "0.2.0" };
    backend.updates.progress = [{ downloaded: 2_000_000, total: null }];
    const { user } = await openSettings(backend, "Updates");
    const release = backend.updates.hold();

    await user.click(
      await within(section()).findByRole("button", { name: "Download and install" }),
    );

    const bar = await within(section()).findByRole("progressbar", { name: "Downloading update" });
    await within(section()).findByText("2.0 MB");
    expect(bar).not.toHaveAttribute("aria-valuenow");
    release();
    await waitFor(() => {
      expect(statusLine()).toHaveTextContent("The update is installed.");
    });
  });

  it("says calmly when the update server cannot be reached, without a dialog", async () => {
    const backend = withAna();
    backend.updates.checkError = new BackendError("unavailable", "update_unreachable", {
      value: "offline",
    });
    const { user } = await openSettings(backend, "Updates");

    await user.click(button("Check for updates"));

    await waitFor(() => {
      expect(statusLine()).toHaveTextContent(
        "Couldn't reach the update server. Wbot will try again later.",
      );
    });
    expect(screen.queryByRole("alert")).toBeNull();
    expect(screen.queryByRole("dialog")).toBeNull();
    expect(screen.queryByRole("alertdialog")).toBeNull();

    // Reachable again: the next check says what it found.
    backend.updates.checkError = null;
    await user.click(button("Check for updates"));
    await waitFor(() => {
      expect(statusLine()).toHaveTextContent("Wbot is up to date.");
    });
  });

  it("says when a download stopped before it finished", async () => {
    const backend = withAna();
    backend.updates.releases.stable = { version: "0.2.0" };
    backend.updates.installError = new BackendError("unavailable", "update_unreachable", {
      value: "incomplete",
    });
    const { user } = await openSettings(backend, "Updates");

    await user.click(
      await within(section()).findByRole("button", { name: "Download and install" }),
    );

    expect(await within(section()).findByRole("alert")).toHaveTextContent(
      "The download stopped before it finished. Nothing was changed.",
    );
    expect(screen.queryByRole("dialog")).toBeNull();
    expect(button("Download and install")).toBeEnabled();
  });

  it("says when an update was refused, and installs nothing", async () => {
    const backend = withAna();
    backend.updates.releases.stable = { version: "0.2.0" };
    backend.updates.installError = new BackendError("unavailable", "update_rejected", {
      value: "signature",
    });
    const { user } = await openSettings(backend, "Updates");

    await user.click(
      await within(section()).findByRole("button", { name: "Download and install" }),
    );

    expect(await within(section()).findByRole("alert")).toHaveTextContent(
      "The update was refused because its signature didn't match. Nothing was changed.",
    );
    expect(backend.updates.installed).toEqual([]);
    expect(within(section()).queryByRole("button", { name: "Restart to update" })).toBeNull();
    expect(statusLine()).toHaveTextContent("Wbot 0.2.0 is available");
  });

  it("switches the channel and checks it for its own release", async () => {
    const backend = withAna();
    backend.updates.releases.beta = { version: "0.2.0-beta.1", notes: "Try the new timer." };
    const { user } = await openSettings(backend, "Updates");
    await waitFor(() => {
      expect(statusLine()).toHaveTextContent("Wbot is up to date.");
    });

    await user.selectOptions(within(section()).getByLabelText("Update channel"), "Beta");

    await waitFor(() => {
      expect(statusLine()).toHaveTextContent("Wbot 0.2.0-beta.1 is available");
    });
    expect(backend.updates.channel).toBe("beta");
    expect(backend.called.filter((c) => c === "checkForUpdate")).toHaveLength(2);
    expect(within(section()).getByLabelText("Update channel")).toHaveValue("beta");
    expect(within(section()).getByText("Try the new timer.")).toBeInTheDocument();

    await user.selectOptions(within(section()).getByLabelText("Update channel"), "Stable");
    await waitFor(() => {
      expect(statusLine()).toHaveTextContent("Wbot is up to date.");
    });
    expect(backend.updates.channel).toBe("stable");
    expect(within(section()).queryByRole("button", { name: "Download and install" })).toBeNull();
  });

  it("offers a beta on the stable channel to go back to the older stable release", async () => {
    const backend = betaOnStable();
    const { user } = await openSettings(backend, "Updates");

    expect(within(section()).getByText("Version 0.3.0-beta.2 (beta)")).toBeInTheDocument();
    await waitFor(() => {
      expect(statusLine()).toHaveTextContent("Wbot is up to date.");
    });
    expect(button("Return to stable")).toHaveAccessibleDescription(
      "You run a beta. Going back to stable installs the latest stable version, even though it is older.",
    );

    await user.click(button("Return to stable"));

    await waitFor(() => {
      expect(statusLine()).toHaveTextContent(
        "Wbot 0.2.0 (stable) is older than the beta you run; installing it takes you back to stable.",
      );
    });
    expect(backend.updates.checks).toEqual([false, true]);
    // Asked for here: no notice of it elsewhere.
    expect(screen.queryByText("Wbot 0.2.0 is available.")).toBeNull();

    await user.click(button("Download and install"));
    await waitFor(() => {
      expect(statusLine()).toHaveTextContent("The update is installed. Restart Wbot to use it.");
    });
    expect(backend.updates.installed).toEqual(["0.2.0"]);
  });

  it("offers to go back to stable only to a beta on the stable channel", async () => {
    const backend = betaOnStable();
    backend.updates.channel = "beta";
    const { user } = await openSettings(backend, "Updates");
    await within(section()).findByText("Version 0.3.0-beta.2 (beta)");
    expect(within(section()).queryByRole("button", { name: "Return to stable" })).toBeNull();

    await user.selectOptions(within(section()).getByLabelText("Update channel"), "Stable");

    expect(
      await within(section()).findByRole("button", { name: "Return to stable" }),
    ).toBeEnabled();
  });

  it("only says who updates a copy that does not update itself", async () => {
    const backend = withAna();
    backend.updates.supported = false;
    await openSettings(backend, "Updates");

    expect(
      await within(section()).findByText(
        "This copy of Wbot is updated by the store or package manager it came from.",
      ),
    ).toBeInTheDocument();
    expect(within(section()).getByText("Version 0.1.0")).toBeInTheDocument();
    expect(within(section()).queryByRole("button", { name: "Check for updates" })).toBeNull();
    expect(within(section()).queryByLabelText("Update channel")).toBeNull();
    expect(backend.called).not.toContain("checkForUpdate");
  });

  it("is in Spanish for a Spanish profile", async () => {
    const backend = new FakeBackend();
    backend.seedProfile("Ana", { locale: "es" });
    backend.updates.releases.stable = { version: "0.2.0" };
    await openSettings(backend, "Actualizaciones");
    const updates = screen.getByRole("region", { name: "Actualizaciones" });

    expect(within(updates).getByText("Versión 0.1.0")).toBeInTheDocument();
    expect(within(updates).getByLabelText("Canal de actualizaciones")).toBeInTheDocument();
    await waitFor(() => {
      expect(within(updates).getByRole("status")).toHaveTextContent("Wbot 0.2.0 está disponible");
    });
    expect(within(updates).getByRole("button", { name: "Descargar e instalar" })).toBeEnabled();
  });
});
