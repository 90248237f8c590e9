/**
 * The county pages' calls to the county server (POST /api/<channel> with the token from the page's
 * meta tag), typed by shared/api/countyApi.ts. Every call resolves to a Result; failures are Chinese.
 */
import type { CountyChannel, CountyInput, CountyResponse } from '@shared/api/countyApi';

const token = () => document.querySelector<HTMLMetaElement>('meta[name="huimin-token"]')?.content ?? '';

export async function county<C extends CountyChannel>(channel: C, input: CountyInput<C>): Promise<CountyResponse<C>> {
  try {
    const response = await fetch(`/api/${encodeURIComponent(channel)}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'X-Huimin-Token': token() },
      body: JSON.stringify(input ?? {}),
      credentials: 'same-origin',
    });
    return (await response.json()) as CountyResponse<C>;
  } catch {
    return { ok: false, errors: [{ message: '无法连接县级服务器：请确认“npm run county”仍在运行，然后刷新页面', path: '' }] };
  }
}

export { errorsText } from '../components/packs/packText';
