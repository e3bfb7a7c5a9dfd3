import { screen, waitFor, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { BackendError } from "../../../../lib/backend";
import { EXPORT_PATH } from "../../../../test/fakeArchive";
import { FakeBackend } from "../../../../test/fakeBackend";
import { openSettings } from "../../../../test/settings";

const section = () => screen.getByRole("region", { name: "Your data" });

/** An archive as the person would pick it (the fake reads no content, only that there is some). */
/** An empty zip file: its end record alone (the fake reads no further). */
const EMPTY_ZIP = [80, 75, 5, 6, ...Array<number>(18).fill(0)];

const archive = (bytes = EMPTY_ZIP) =>
  new File([new Uint8Array(bytes)], "wbot-2026-11-28.zip", { type: "application/zip" });

describe("Your data settings", () => {
  it("exports the profile with its progress, then says where the archive is", async () => {
    const backend = new FakeBackend();
    const ana = backend.seedProfile("Ana");
    const { user } = await openSettings(backend, "Your data");
    const release = backend.archive.hold();

    const button = within(section()).getByRole("button", { name: "Export my data" });
    await user.click(button);

    const bar = await within(section()).findByRole("progressbar", { name: "Export progress" });
    await waitFor(() => {
      expect(bar).toHaveAttribute("aria-valuenow", "1");
    });
    expect(bar).toHaveAttribute("aria-valuemax", "2");
    expect(bar).toHaveAttribute("aria-valuetext", "1 of 2");
    expect(button).toBeDisabled();
    // Another profile's export (another window) is not this one's progress.
    backend.memory.emit({
      kind: "progress",
      job: "profile.export",
      profileId: "profile-9",
      done: 5,
      total: 9,
    });
    expect(bar).toHaveAttribute("aria-valuenow", "1");

    release();

    expect(await within(section()).findByText(`Saved to ${EXPORT_PATH}`)).toHaveAttribute(
      "role",
      "status",
    );
    expect(screen.queryByRole("progressbar", { name: "Export progress" })).not.toBeInTheDocument();
    expect(button).toBeEnabled();
    expect(backend.archive.exported).toEqual([ana.id]);
  });

  it("shows a failed export in words", async () => {
    const backend = new FakeBackend();
    backend.seedProfile("Ana");
    const { user } = await openSettings(backend, "Your data");
    backend.failNext(
      "exportProfile",
      new BackendError("unavailable", "file_access", { value: "PermissionDenied" }),
    );

    await user.click(screen.getByRole("button", { name: "Export my data" }));

    expect(await within(section()).findByRole("alert")).toHaveTextContent(
      "The file could not be read or written.",
    );
    expect(within(section()).queryByText(/^Saved to/)).not.toBeInTheDocument();
  });

  it("imports an archive as a new profile and offers to switch to it", async () => {
    const backend = new FakeBackend();
    const ana = backend.seedProfile("Ana");
    const { user } = await openSettings(backend, "Your data");
    const release = backend.archive.hold();

    const input = within(section()).getByLabelText<HTMLInputElement>("Import from an archive");
    expect(input).toHaveAttribute("type", "file");
    expect(input).toHaveAttribute("accept", ".zip,application/zip");
    const file = archive();
    await user.upload(input, file);

    const bar = await within(section()).findByRole("progressbar", { name: "Import progress" });
    await waitFor(() => {
      expect(bar).toHaveAttribute("aria-valuenow", "1");
    });
    expect(bar).toHaveAttribute("aria-valuemax", "2");
    expect(input).toBeDisabled();
    release();

    expect(
      await within(section()).findByText("Imported as a new profile: Imported"),
    ).toHaveAttribute("role", "status");
    expect(screen.queryByRole("progressbar", { name: "Import progress" })).not.toBeInTheDocument();
    const imported = [...backend.profiles.values()].find(
      (p) => p.profile.displayName === "Imported",
    );
    expect(imported).toBeDefined();
    // Not made active; the profile list shows it.
    expect(backend.activeId).toBe(ana.id);
    await user.click(screen.getByTestId("profile-switcher"));
    expect(await screen.findByRole("button", { name: "Delete Imported" })).toBeInTheDocument();
    await user.click(screen.getByTestId("profile-switcher"));

    // The input was emptied: the same file can be chosen again.
    expect(input.files).toHaveLength(0);
    await user.upload(input, file);
    await waitFor(() => {
      expect(backend.profiles.size).toBe(3);
    });

    await user.click(await within(section()).findByRole("button", { name: "Switch to Imported" }));

    await waitFor(() => {
      expect(screen.getByTestId("profile-switcher")).toHaveTextContent("Imported");
    });
    expect(backend.activeId).not.toBe(ana.id);
    expect(backend.profiles.get(backend.activeId ?? "")?.profile.displayName).toBe("Imported");
  });

  it("words an archive the core refuses", async () => {
    const backend = new FakeBackend();
    backend.seedProfile("Ana");
    const { user } = await openSettings(backend, "Your data");
    const input = screen.getByLabelText("Import from an archive");

    await user.upload(input, archive([]));

    expect(await within(section()).findByRole("alert")).toHaveTextContent(
      "This file is not a Wbot archive, or it is damaged.",
    );
    expect(backend.profiles.size).toBe(1);

    backend.failNext(
      "importProfile",
      new BackendError("validation", "out_of_range", {
        subject: "archive_version",
        min: 1,
        max: 1,
        actual: 2,
      }),
    );
    await user.upload(input, archive());

    await waitFor(() => {
      expect(within(section()).getByRole("alert")).toHaveTextContent(
        "This archive was made by a newer version of Wbot. Update Wbot to import it.",
      );
    });
    expect(within(section()).queryByRole("button", { name: /^Switch to/ })).not.toBeInTheDocument();
    expect(backend.profiles.size).toBe(1);
  });

  it("asks before deleting everything, then another profile becomes active", async () => {
    const backend = new FakeBackend();
    const ana = backend.seedProfile("Ana");
    const ben = backend.seedProfile("Ben");
    const { user } = await openSettings(backend, "Your data");

    await user.click(screen.getByRole("button", { name: "Delete all my data" }));
    let dialog = screen.getByRole("dialog", { name: "Delete all of Ana's data?" });
    expect(dialog).toHaveAccessibleDescription(
      "This removes Ana's journal, conversations, memories, moods and sessions from this device. It can't be undone.",
    );
    await user.click(within(dialog).getByRole("button", { name: "Cancel" }));
    expect(screen.queryByRole("dialog")).not.toBeInTheDocument();
    expect(backend.profiles.has(ana.id)).toBe(true);

    await user.click(screen.getByRole("button", { name: "Delete all my data" }));
    dialog = screen.getByRole("dialog", { name: "Delete all of Ana's data?" });
    await user.click(within(dialog).getByRole("button", { name: "Delete everything" }));

    await waitFor(() => {
      expect(screen.getByTestId("profile-switcher")).toHaveTextContent("Ben");
    });
    expect(backend.profiles.has(ana.id)).toBe(false);
    expect(backend.activeId).toBe(ben.id);
    expect(screen.queryByRole("dialog")).not.toBeInTheDocument();
  });

  it("returns to onboarding when the last profile's data is deleted", async () => {
    const backend = new FakeBackend();
    backend.seedProfile("Ana");
    const { user } = await openSettings(backend, "Your data");

    await user.click(screen.getByRole("button", { name: "Delete all my data" }));
    await user.click(
      within(screen.getByRole("dialog")).getByRole("button", { name: "Delete everything" }),
    );

    expect(await screen.findByRole("heading", { name: "Welcome to Wbot" })).toBeInTheDocument();
    expect(backend.profiles.size).toBe(0);
  });

  it("speaks the profile's language", async () => {
    const backend = new FakeBackend();
    backend.seedProfile("Ana", { locale: "es" });
    const { user } = await openSettings(backend, "Tus datos");
    const data = screen.getByRole("region", { name: "Tus datos" });

    expect(within(data).getByLabelText("Importar desde un archivo")).toBeInTheDocument();
    await user.click(within(data).getByRole("button", { name: "Exportar mis datos" }));
    expect(await within(data).findByText(`Guardado en ${EXPORT_PATH}`)).toBeInTheDocument();

    await user.click(within(data).getByRole("button", { name: "Eliminar todos mis datos" }));
    expect(
      screen.getByRole("dialog", { name: "¿Eliminar todos los datos de Ana?" }),
    ).toBeInTheDocument();
    expect(screen.getByRole("button", { name: "Eliminarlo todo" })).toBeInTheDocument();
  });
});
