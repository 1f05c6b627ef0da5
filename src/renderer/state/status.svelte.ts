/** Messages for the status area: the latest one shows, warnings and errors stay until dismissed. */
export interface StatusMessage {
  text: string
  level: 'info' | 'warning' | 'error'
}

class StatusStore {
  message = $state<StatusMessage | null>(null)
  private timer: ReturnType<typeof setTimeout> | undefined

  info(text: string): void {
    this.message = { text, level: 'info' }
    clearTimeout(this.timer)
    this.timer = setTimeout(() => (this.message = null), 4000)
  }

  /** Something the user should know (damaged footage): it stays, but nothing failed. */
  warn(text: string): void {
    clearTimeout(this.timer)
    this.message = { text, level: 'warning' }
  }

  error(text: string): void {
    clearTimeout(this.timer)
    this.message = { text, level: 'error' }
  }

  clear(): void {
    this.message = null
  }
}

export const status = new StatusStore()
