import type { Component } from 'svelte';
import type { AppContext } from '../../lib/app-context';
import AudioSettings from './AudioSettingsSection.svelte';
import AnsweringSettings from './AnsweringSettings.svelte';
import CallingSettings from './CallingSettingsSection.svelte';
import ConnectionSettings from './ConnectionSettingsSection.svelte';
import DispositionSettings from './DispositionSettingsSection.svelte';
import GeneralSettings from './GeneralSettings.svelte';
import HeadsetSettings from './HeadsetSettingsSection.svelte';
import KeyboardSettings from './KeyboardSettings.svelte';
import RingingSettings from './RingingSettings.svelte';
import OrganizationSettings from '../organization/OrganizationSettings.svelte';

/**
 * The Settings screen, one section after another. A feature with settings of
 * its own adds a section here: a component taking the app context.
 */
export interface SettingsSection {
  id: string;
  component: Component<{ context: AppContext }>;
}

export const settingsSections: SettingsSection[] = [
  { id: 'general', component: GeneralSettings },
  { id: 'ringing', component: RingingSettings },
  { id: 'headset', component: HeadsetSettings },
  { id: 'answering', component: AnsweringSettings },
  { id: 'dispositions', component: DispositionSettings },
  { id: 'keyboard', component: KeyboardSettings },
  { id: 'meta-calling', component: CallingSettings },
  { id: 'connection', component: ConnectionSettings },
  { id: 'web-audio', component: AudioSettings },
  { id: 'organization', component: OrganizationSettings },
];
