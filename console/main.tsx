import { render } from 'preact';
import { Console } from './Console';

render(<Console />, document.getElementById('console')!);
