import type { ApiClient } from '../../../server/src/testing/test-server';

/**
 * A few objects so the console has something to show: users with mailboxes,
 * a custom address list and a public folder. Steps whose endpoint is missing
 * (404) are skipped, so this works while the API is still growing.
 */
export async function seedSampleDirectory(api: ApiClient): Promise<void> {
  const people: Array<[string, string, string, string]> = [
    ['Ada', 'Lovelace', 'Research', 'Analyst'],
    ['Grace', 'Hopper', 'Engineering', 'Rear Admiral'],
    ['Alan', 'Turing', 'Research', 'Mathematician'],
    ['Katherine', 'Johnson', 'Flight Research', 'Mathematician'],
    ['Edsger', 'Dijkstra', 'Engineering', 'Professor'],
  ];
  for (const [firstName, lastName, department, title] of people) {
    const res = await api.post('/api/recipients', {
      kind: 'user',
      alias: `${firstName}.${lastName}`.toLowerCase(),
      firstName,
      lastName,
      displayName: `${firstName} ${lastName}`,
      department,
      title,
      company: 'Estafette Ltd',
      password: 'Sample-Passw0rd!',
    });
    if (res.status === 404) return;
  }
  await api.post('/api/address-lists', {
    name: 'Research Department',
    filter: { attribute: 'department', operator: 'starts-with', value: 'Research' },
  });
  const root = await api.get<{ id: string }>('/api/public-folders/root');
  if (root.status === 200) {
    await api.post('/api/public-folders', {
      parentId: root.body.id,
      name: 'Marketing',
      description: 'Campaigns and events',
    });
    await api.post('/api/public-folders', { parentId: root.body.id, name: 'Support', description: 'Customer cases' });
  }
}
