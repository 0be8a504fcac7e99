import { type ChoiceData, type Selections, valueNote, valueStatus } from './variantChoice'

export type VariantPicker = { refresh: (data: ChoiceData, chosen: Selections) => void }

/**
 * Swaps the product page's no-JavaScript variant form (one radio per variant and a "Show price and
 * stock" button that reloads the page) for one group of radios per option, which the server renders
 * hidden and disabled so they are never submitted without JavaScript. Every change calls `onChoose`
 * with the selections at once; `refresh` marks each value sold out or unavailable given the others.
 */
export const variantPicker = (root: HTMLElement, onChoose: (chosen: Selections) => void): VariantPicker | undefined => {
  const form = root.querySelector<HTMLFormElement>('form[data-variant-form]')
  const picker = form?.querySelector<HTMLFieldSetElement>('[data-option-picker]')
  const list = form?.querySelector<HTMLFieldSetElement>('[data-variant-list]')
  const submit = form?.querySelector<HTMLButtonElement>('[data-variant-submit]')
  if (!form || !picker || !list || !submit) return undefined
  const radios = [...picker.querySelectorAll<HTMLInputElement>('input[type="radio"][data-option]')]
  const selections = (): Selections =>
    Object.fromEntries(radios.flatMap((radio) => (radio.checked && radio.dataset.option ? [[radio.dataset.option, radio.value]] : [])))

  picker.disabled = false
  picker.hidden = false
  list.disabled = true
  list.hidden = true
  submit.hidden = true
  // Enter in the form would reload the page with the old form's fields: the choice is already shown.
  form.addEventListener('submit', (event) => event.preventDefault())
  picker.addEventListener('change', () => onChoose(selections()))

  return {
    refresh: (data, chosen) => {
      for (const radio of radios) {
        const option = radio.dataset.option ?? ''
        radio.checked = chosen[option] === radio.value
        const note = radio.parentElement?.querySelector('[data-value-note]')
        if (note) note.textContent = valueNote(valueStatus(data, chosen, option, radio.value))
      }
    },
  }
}
