/** Messages for the status area: the latest one shows, errors stay until dismissed. */
export interface StatusMessage {
  text: string
  level: 'info' | 'error'
}

class StatusStore {
  message = $state<StatusMessage | null>(null)
  private timer: ReturnType<typeof setTimeout> | undefined

  info(text: string): void {
    this.message = { text, level: 'info' }
    clearTimeout(this.timer)
    this.timer = setTimeout(() => (this.message = null), 4000)
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
