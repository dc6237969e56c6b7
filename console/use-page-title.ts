import { useEffect } from 'preact/hooks';

/** Each page names itself in the tab and moves focus to its heading, so a screen reader hears where it landed. */
export function usePageTitle(title: string): void {
  useEffect(() => {
    document.title = `${title} · Leadgate console`;
    document.querySelector<HTMLElement>('h1')?.focus();
  }, [title]);
}
