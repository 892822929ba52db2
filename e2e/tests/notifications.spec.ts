/** The header bell: a member's unread notifications, opening one marks it read and follows its link. */
import { expect, test } from '@playwright/test';
import { MongoClient } from 'mongodb';
import { demoLogin } from './fixtures.js';

test('a reminder notification shows in the bell and opens its page', async ({ page }) => {
  await demoLogin(page, 'sales');
  const me = await (await page.request.get('/api/me')).json();
  const client = new MongoClient(process.env.MONGODB_URI!);
  try {
    await client.connect();
    await client.db().collection('notifications').insertOne({
      userId: new (await import('mongodb')).ObjectId(me.user.id as string),
      title: 'Rappel : Appel de suivi',
      body: 'Dans 15 minutes',
      link: '/crm/contacts',
      readAt: null,
      createdAt: new Date(),
    });
  } finally {
    await client.close();
  }
  await page.reload();
  const unreadBefore = Number(await page.getByTestId('notifications-unread').locator('.ant-badge-count').getAttribute('title'));
  expect(unreadBefore).toBeGreaterThanOrEqual(1);
  await page.getByTestId('notifications-bell').click();
  await page.getByTestId('notifications-panel').getByText('Rappel : Appel de suivi').click();
  await expect(page).toHaveURL(/\/crm\/contacts/);
  const list = await (await page.request.get('/api/notifications')).json();
  expect(list.unread).toBe(unreadBefore - 1);
});
