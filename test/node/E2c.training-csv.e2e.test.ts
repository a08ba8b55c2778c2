// A CSV file in the training lab (#11 defect 11), in Chromium against `gradlab serve`: a broken file
// names its line and Play stays off; a European-Excel file (semicolons, decimal commas, five columns,
// text labels) is previewed, its columns picked in the UI, trained, and its class names shown in the
// legend — in 简体中文 at 1024×700 (English 1440×900 screenshots too).
import assert from 'node:assert/strict';
import { test } from 'node:test';

import { hasChromium, screenshot } from './browser.js';
import { until } from './helpers.js';
import { openTrainingApp } from './training-app.js';

const skip = !hasChromium && 'no /usr/bin/chromium (apt-get install chromium)';

/** Two well-separated clusters per class in (petal_length, petal_width), three classes, 60 rows. */
function irisLike(): string {
  const lines = ['sepal_length;sepal_width;petal_length;petal_width;species'];
  const centres: [string, number, number][] = [['setosa', 1.4, 0.2], ['versicolor', 4.3, 1.3], ['virginica', 5.6, 2.1]];
  for (let i = 0; i < 60; i++) {
    const [name, pl, pw] = centres[i % 3]!;
    const j = ((i * 37) % 11) / 50;
    const f = (v: number) => v.toFixed(2).replace('.', ',');
    lines.push([f(5 + j), f(3 - j), f(pl + j), f(pw + j / 2), name].join(';'));
  }
  return lines.join('\r\n') + '\r\n';
}

for (const [lang, width, height, nav, play] of [['zh-CN', 1024, 700, '训练实验', '运行'], ['en-US', 1440, 900, 'Training lab', 'Play']] as const) {
  test(`a CSV file in the training lab (${lang}, ${width}×${height}): preview, columns, line-numbered errors, trained with named classes`, { skip }, async () => {
    const app = await openTrainingApp({ width, height, lang });
    try {
      const { page } = app;
      await page.getByRole('link', { name: nav }).click();
      await page.getByTestId('training-split').waitFor();
      await page.getByTestId('training-dataset').selectOption('file');
      const file = page.getByTestId('training-csv-file');
      // a broken file: the reason with its line, and no Play
      await file.setInputFiles({ name: 'broken.csv', mimeType: 'text/csv', buffer: Buffer.from('x,y,label\n1,2,a\n3,oops,b\n') });
      await page.getByTestId('training-csv-error').filter({ hasText: /broken\.csv: line 3, column "y": expected a number, got "oops"/ }).waitFor();
      assert.equal(await page.getByRole('button', { name: play }).isDisabled(), true);
      if (lang === 'zh-CN') await screenshot(page, 'training-csv-error-zh-1024');

      await file.setInputFiles({ name: 'iris.csv', mimeType: 'text/csv', buffer: Buffer.from(irisLike()) });
      // the file is read asynchronously: wait for its summary
      await page.getByTestId('training-csv-summary')
        .filter({ hasText: lang === 'zh-CN' ? /60 行数据 · 5 列 · 以分号分隔 · 小数逗号/ : /60 data rows · 5 columns · separated by semicolons · decimal commas/ })
        .waitFor();
      assert.equal(await page.getByTestId('training-csv-preview').locator('tbody tr').count(), 5);
      assert.equal(await page.getByTestId('training-csv-label').inputValue(), '4');  // the last column
      // pick the petal columns by hand
      await page.getByTestId('training-csv-x').selectOption('2');
      await page.getByTestId('training-csv-y').selectOption('3');
      assert.match((await page.getByTestId('training-csv-classes').textContent()) ?? '', /setosa, versicolor, virginica/);
      await page.getByTestId('training-split').waitFor();
      const legend = page.locator('.plot-legend');
      for (const name of ['setosa', 'versicolor', 'virginica']) await legend.getByText(name).waitFor();
      await page.getByTestId('training-epochs').fill('60');
      await page.getByRole('button', { name: play }).click();
      await until('trained', async () => (await page.getByTestId('training-status').getAttribute('data-status')) === 'completed', 30_000);
      const acc = Number(await page.getByTestId('metric-train-acc').getAttribute('data-value'));
      assert.ok(acc >= 0.9, `train accuracy ${acc}`);
      await screenshot(page, `training-csv-${lang === 'zh-CN' ? 'zh' : 'en'}-${width}`);
      assert.deepEqual(app.errors, []);
    } finally {
      await app.close();
    }
  });
}
