import { Menu } from 'electron'
import type { MenuItemConstructorOptions } from 'electron'

/**
 * The application menu. Items do not act in main: they send a command to the renderer, which owns
 * the document and its undo history, so menu and shortcuts run the same code.
 */
export function buildMenu(run: (command: string) => void): Menu {
  const item = (
    label: string,
    command: string,
    accelerator?: string,
  ): MenuItemConstructorOptions => ({
    label,
    ...(accelerator ? { accelerator } : {}),
    click: () => run(command),
  })
  const template: MenuItemConstructorOptions[] = [
    {
      label: 'File',
      submenu: [
        item('New Project', 'project.new', 'CmdOrCtrl+N'),
        item('Open Project...', 'project.open', 'CmdOrCtrl+O'),
        item('Save', 'project.save', 'CmdOrCtrl+S'),
        item('Save As...', 'project.saveAs', 'CmdOrCtrl+Shift+S'),
        { type: 'separator' },
        item('Import Footage...', 'footage.import', 'CmdOrCtrl+I'),
        item('Export...', 'export.open', 'CmdOrCtrl+E'),
        { type: 'separator' },
        { role: 'quit' },
      ],
    },
    {
      label: 'Edit',
      submenu: [
        item('Undo', 'edit.undo', 'CmdOrCtrl+Z'),
        item('Redo', 'edit.redo', 'CmdOrCtrl+Shift+Z'),
      ],
    },
    {
      label: 'View',
      submenu: [{ role: 'reload' }, { role: 'toggleDevTools' }, { role: 'togglefullscreen' }],
    },
    { label: 'Help', submenu: [item('Keyboard Shortcuts', 'help.shortcuts', 'F1')] },
  ]
  return Menu.buildFromTemplate(template)
}
