// The notices' settings as Config carries them (read from the NOTICES_* and DIGEST_* variables).
export interface NoticeSettings {
  /** Notices and digests run (with a Slack bot token). */
  enabled: boolean;
  /** The channel that hears what nobody else can. */
  platformChannel?: string;
  /** Members told by DM when a team names no channel. */
  maxDirectMessages: number;
  /** How long a new notice waits for its team's others. */
  batchSeconds: number;
  /** When the weekly digest goes out (cron), and in which time zone. */
  digestCron: string;
  digestTimeZone: string;
  /** Ask each team "Do you still own these?" every this many days; 0: never. */
  ownershipConfirmDays: number;
}
