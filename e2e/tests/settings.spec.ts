/** Paramètres: a member changes his own password, then signs in with the new one only; his notification choices. */
import { expect, test, type Page } from '@playwright/test';
import { demoLogin } from './fixtures.js';

const EMAIL = 'hugo.petit@be-hype.com';

async function passwordLogin(page: Page, password: string) {
  await page.goto('/connexion');
  await page.getByTestId('login-email').fill(EMAIL);
  await page.getByTestId('login-password').fill(password);
  await page.getByTestId('login-submit').click();
}

test('a member changes his password in the settings and signs in with it', async ({ page }) => {
  await passwordLogin(page, 'demo1234');
  await expect(page.getByTestId('user-name')).toHaveText('Hugo Petit');
  await page.goto('/parametres');
  const card = page.getByTestId('password-card');
  await expect(card).toBeVisible();

  // Checked in the form first, every field at once: empty, too short, a confirmation that differs.
  await page.getByTestId('password-submit').click();
  await expect(card).toContainText('Saisissez votre mot de passe actuel.');
  await expect(card).toContainText('Saisissez le nouveau mot de passe.');
  await expect(card).toContainText('Confirmez le nouveau mot de passe.');
  await card.getByLabel('Mot de passe actuel').fill('demo1234');
  await card.getByLabel('Nouveau mot de passe', { exact: true }).fill('court');
  await card.getByLabel('Confirmez le nouveau mot de passe').fill('court');
  await page.getByTestId('password-submit').click();
  await expect(card).toContainText('Le nouveau mot de passe doit comporter au moins 10 caractères.');
  await card.getByLabel('Nouveau mot de passe', { exact: true }).fill('Printemps-2027!');
  await card.getByLabel('Confirmez le nouveau mot de passe').fill('Printemps-2028!');
  await page.getByTestId('password-submit').click();
  await expect(card).toContainText('Les deux mots de passe diffèrent.');

  // A wrong current password is refused by the server, on its field.
  await card.getByLabel('Mot de passe actuel').fill('pas-le-bon');
  await card.getByLabel('Confirmez le nouveau mot de passe').fill('Printemps-2027!');
  await page.getByTestId('password-submit').click();
  await expect(card).toContainText('Le mot de passe actuel est incorrect.');

  await card.getByLabel('Mot de passe actuel').fill('demo1234');
  await page.getByTestId('password-submit').click();
  await expect(page.getByText('Mot de passe modifié')).toBeVisible();
  await expect(card.getByLabel('Mot de passe actuel')).toHaveValue('');

  await page.getByTestId('user-menu').click();
  await page.getByTestId('menu-logout').click();
  await expect(page).toHaveURL(/\/connexion/);
  await passwordLogin(page, 'demo1234');
  await expect(page.getByTestId('login-error')).toContainText('E-mail ou mot de passe incorrect.');
  await page.getByTestId('login-password').fill('Printemps-2027!');
  await page.getByTestId('login-submit').click();
  await expect(page.getByTestId('user-name')).toHaveText('Hugo Petit');
});

test('a member turns reminder e-mails off, and the choice stays after a reload', async ({ page }) => {
  await demoLogin(page, 'marketing');
  await page.goto('/parametres');
  const toggle = page.getByTestId('pref-reminder-email');
  await expect(toggle).toBeChecked();
  await toggle.click();
  await expect(page.getByText('Rappels par e-mail désactivés')).toBeVisible();
  await page.reload();
  await expect(page.getByTestId('pref-reminder-email')).not.toBeChecked();
  await page.getByTestId('pref-reminder-email').click();
  await expect(page.getByText('Rappels par e-mail activés')).toBeVisible();
  await expect(page.getByTestId('pref-reminder-email')).toBeChecked();
});
