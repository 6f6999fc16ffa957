import { mount } from 'svelte';
import { locales } from '../../preload/contract/constants';
import App from './App.svelte';
import { i18n } from './lib/i18n.svelte';
import { fragmentValue } from './lib/launch-session';
// Colours first (light, dark, forced), then the window's shell and calls, then the history and in-call details.
import './theme.css';
import './app.css';
import './history-and-in-call.css';

// The browser host names the agent's language in the window's address: its messages load beside the app's code,
// not once the socket has opened and the app's info came.
const named = fragmentValue('lang');
const locale = locales.find((code) => code === named);
if (locale) i18n.set(locale);

const target = document.getElementById('app');
if (!target) throw new Error('#app is missing from index.html');
mount(App, { target });
