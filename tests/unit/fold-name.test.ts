import assert from 'node:assert/strict';
import { test } from 'node:test';
import { foldName } from '@/lib/text/fold-name';

const same = (a: string, b: string) => assert.equal(foldName(a), foldName(b), `${a} ~ ${b}`);

test('a name typed on an Arabic keyboard folds like the same name typed on a Persian one', () => {
  same('علي', 'علی');
  same('على', 'علی');
  same('كريم', 'کریم');
  same('ڪريم', 'کریم');
});

test('hamza and madda on alef, teh marbuta and heh with yeh above fold to their plain letters', () => {
  for (const alef of ['أحمد', 'إحمد', 'آحمد', 'ٱحمد']) same(alef, 'احمد');
  same('فاطمة', 'فاطمه');
  same('خانۀ', 'خانه');
  assert.notEqual(foldName('مسؤول'), foldName('مسئول'), 'hamza on waw and on yeh are different letters and stay');
});

test('Arabic-Indic and Persian digits fold to ASCII ones', () => {
  assert.equal(foldName('٠١٢٣٤٥٦٧٨٩'), '0123456789');
  assert.equal(foldName('۰۱۲۳۴۵۶۷۸۹'), '0123456789');
});

test('tatweel, vowel marks and invisible characters are removed', () => {
  same('مـحـمـد', 'محمد');
  same('مُحَمَّد', 'محمد');
  same('علی‌رضا', 'علیرضا');
  same('\u202eAli\u202c', 'ali');
  same('Al\u200bi', 'ali');
});

test('case folds the same way in JavaScript and in PostgreSQL, including dotted İ and final sigma', () => {
  same('ZAINAB', 'zainab');
  same('Élodie', 'élodie');
  assert.equal(foldName('İstanbul'), 'istanbul');
  assert.equal(foldName('ΟΔΟΣ'), 'οδοσ');
});

test('presentation forms and full-width letters fold to the letters they show', () => {
  same('ﻛﺮﻳﻢ', 'كريم');
  same('Ａｌｉ', 'ali');
});

test('the fold keeps the wildcard and LIKE characters as they are', () => {
  assert.equal(foldName('*%_\\'), '*%_\\');
});
