// A provincial officer's month in the browser (issue 14, "Done when"),
// imported by scenario.mjs: log in, download the province's Excel template
// for the month from /nop-bao-cao, fill it (here in node: the workbook's
// sheet XML is edited as Excel would save typed cells), upload it with one
// error, read the Vietnamese error with its line and column while the form
// keeps the province and note, fix the cell, upload again and see the new
// version. The server holds the officer's August report (see
// crates/web/tests/browser.rs): the template lists its rows.
import { readFileSync, writeFileSync } from 'node:fs';
import zlib from 'node:zlib';

const PERIOD = '2025-09';
const NOTE = 'Báo cáo tháng 9 của Sở Công Thương';

// --- A small ZIP reader and writer (the .xlsx container) ---------------

function readZip(buf) {
  let eocd = buf.length - 22;
  while (eocd >= 0 && buf.readUInt32LE(eocd) !== 0x06054b50) eocd -= 1;
  if (eocd < 0) throw new Error('not a ZIP file');
  const count = buf.readUInt16LE(eocd + 10);
  let at = buf.readUInt32LE(eocd + 16);
  const entries = [];
  for (let i = 0; i < count; i += 1) {
    const method = buf.readUInt16LE(at + 10);
    const size = buf.readUInt32LE(at + 20);
    const nameLen = buf.readUInt16LE(at + 28);
    const extraLen = buf.readUInt16LE(at + 30);
    const commentLen = buf.readUInt16LE(at + 32);
    const local = buf.readUInt32LE(at + 42);
    const name = buf.toString('utf8', at + 46, at + 46 + nameLen);
    const start = local + 30 + buf.readUInt16LE(local + 26) + buf.readUInt16LE(local + 28);
    const raw = buf.subarray(start, start + size);
    entries.push({ name, data: method === 8 ? zlib.inflateRawSync(raw) : Buffer.from(raw) });
    at += 46 + nameLen + extraLen + commentLen;
  }
  return entries;
}

function writeZip(entries) {
  const locals = [];
  const centrals = [];
  let offset = 0;
  for (const { name, data } of entries) {
    const nameBuf = Buffer.from(name, 'utf8');
    const packed = zlib.deflateRawSync(data);
    const crc = zlib.crc32(data);
    const head = Buffer.alloc(30);
    head.writeUInt32LE(0x04034b50, 0);
    head.writeUInt16LE(20, 4);
    head.writeUInt16LE(0x0800, 6); // UTF-8 names
    head.writeUInt16LE(8, 8);
    head.writeUInt32LE(crc, 14);
    head.writeUInt32LE(packed.length, 18);
    head.writeUInt32LE(data.length, 22);
    head.writeUInt16LE(nameBuf.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(0x0800, 8);
    central.writeUInt16LE(8, 10);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(packed.length, 20);
    central.writeUInt32LE(data.length, 24);
    central.writeUInt16LE(nameBuf.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(head, nameBuf, packed);
    centrals.push(central, nameBuf);
    offset += head.length + nameBuf.length + packed.length;
  }
  const cd = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(cd.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, cd, end]);
}

// --- Filling the template's sheet --------------------------------------

const xmlText = (s) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

// `fills`: [{ unit, product, quantity }]; a quantity that is a JS number is
// written as a number cell, a string as a text cell (as typed).
function fillTemplate(bytes, fills) {
  const entries = readZip(bytes);
  const strings = [];
  const sst = entries.find((e) => e.name === 'xl/sharedStrings.xml').data.toString('utf8');
  for (const si of sst.split('<si>').slice(1)) {
    strings.push([...si.matchAll(/<t[^>]*>([^<]*)<\/t>/g)].map((m) => m[1]).join(''));
  }
  const sheetEntry = entries.find((e) => e.name === 'xl/worksheets/sheet1.xml');
  let xml = sheetEntry.data.toString('utf8');
  const cellText = (ref) => {
    const m = xml.match(new RegExp(`<c r="${ref}"[^>]*?t="s"[^>]*><v>(\\d+)</v></c>`));
    return m ? strings[Number(m[1])] : '';
  };
  const rows = [...xml.matchAll(/<row r="(\d+)"/g)].map((m) => Number(m[1])).filter((r) => r > 6);
  const setCell = (ref, value) => {
    const cell = new RegExp(`<c r="${ref}"( s="\\d+")?\\s*/>`);
    check(cell.test(xml), `an empty cell ${ref} in the template`);
    const body = typeof value === 'number'
      ? `<c r="${ref}"$1><v>${value}</v></c>`
      : `<c r="${ref}"$1 t="inlineStr"><is><t>${xmlText(value)}</t></is></c>`;
    xml = xml.replace(cell, body);
  };
  for (const { unit, product, quantity } of fills) {
    // Last month's row of the unit and product, else an empty row of the product.
    let row = rows.find((r) => cellText(`A${r}`) === unit && cellText(`B${r}`) === product);
    if (!row) {
      row = rows.find((r) => cellText(`B${r}`) === product && !new RegExp(`<c r="A${r}"[^>]*t="`).test(xml));
      check(row, `a free row for ${product}`);
      setCell(`A${row}`, unit);
    }
    setCell(`E${row}`, quantity);
  }
  sheetEntry.data = Buffer.from(xml, 'utf8');
  return writeZip(entries);
}

function check(cond, message) {
  if (!cond) throw new Error(message);
}

export function officerMonthSteps({ page, base, check: ensure, shot, shots }) {
  let template = null;

  async function upload(file) {
    await page.setInputFiles('#submit-form input[name=file]', file);
    await Promise.all([page.waitForNavigation(), page.click('#submit-form button[type=submit]')]);
  }

  return {
    // The officer logs in and opens "Nộp báo cáo" from the menu.
    async month_login() {
      await page.goto(`${base}/dang-nhap?next=/nop-bao-cao`);
      await page.fill('input[name=username]', process.env.OFFICER_USER);
      await page.fill('input[name=password]', process.env.OFFICER_PASSWORD);
      await Promise.all([page.waitForNavigation(), page.click('form button[type=submit]')]);
      ensure(page.url().includes('/nop-bao-cao'), `on the submit page: ${page.url()}`);
      ensure(await page.isVisible('#report-kit'), 'the template and codes section');
      ensure((await page.textContent('#report-kit h2')).includes('Mẫu báo cáo'), 'Vietnamese heading');
    },
    // The Excel template of the province for September, downloaded.
    async month_template() {
      await page.fill('#template-form input[name=period]', PERIOD);
      const [download] = await Promise.all([
        page.waitForEvent('download'),
        page.click('#template-download'),
      ]);
      ensure(download.suggestedFilename() === `mau-bao-cao-24-${PERIOD}.xlsx`, `file name ${download.suggestedFilename()}`);
      template = `${shots}/mau-bao-cao.xlsx`;
      await download.saveAs(template);
      const bytes = readFileSync(template);
      ensure(bytes.subarray(0, 2).toString() === 'PK', 'a workbook');
      const sheet = readZip(bytes).find((e) => e.name === 'xl/worksheets/sheet1.xml');
      ensure(sheet, 'the report sheet');
      // The product codes are one click away.
      await page.click('#product-codes');
      await page.waitForLoadState('load');
      await page.fill('#code-search input[name=q]', 'xi mang');
      await Promise.all([page.waitForNavigation(), page.click('#code-search button')]);
      ensure((await page.textContent('#suggestions')).includes('CEMENT'), 'the code of cement by its name');
      await shot('30-product-codes');
      await page.goto(`${base}/nop-bao-cao`);
      await shot('31-submit-page');
    },
    // Filled with one mistake (a unit in the quantity cell) and uploaded:
    // the error in Vietnamese with its line and column; the form keeps the
    // province, month and note; nothing stored.
    async month_upload_error() {
      const bad = fillTemplate(readFileSync(template), [
        { unit: 'CS-01', product: 'CEMENT', quantity: '1.234,5' },
        { unit: 'CS-02', product: 'CRUDE_STEEL', quantity: '12 tấn' },
      ]);
      writeFileSync(`${shots}/bao-cao-loi.xlsx`, bad);
      await page.selectOption('#submit-form select[name=province]', '24');
      await page.fill('#submit-form input[name=period]', PERIOD);
      await page.fill('#submit-form input[name=note]', NOTE);
      await upload(`${shots}/bao-cao-loi.xlsx`);
      const rows = await page.locator('#errors tbody tr').allTextContents();
      ensure(rows.length === 1, `one error row: ${rows.join(' | ')}`);
      const cells = await page.locator('#errors tbody tr td').allTextContents();
      ensure(cells[1] === 'BaoCao', `the sheet: ${cells}`);
      ensure(/^\d+$/.test(cells[2]), `a line number: ${cells}`);
      ensure(cells[3].startsWith('E (Số lượng kỳ này)'), `the column: ${cells}`);
      ensure(cells[4].includes('"12 tấn" không phải là số'), `the reason in Vietnamese: ${cells}`);
      ensure((await page.inputValue('#submit-form input[name=note]')) === NOTE, 'the note is kept');
      ensure((await page.inputValue('#submit-form select[name=province]')) === '24', 'the province is kept');
      ensure((await page.inputValue('#submit-form input[name=period]')) === PERIOD, 'the month is kept');
      const versions = await page.locator('#versions tbody tr').allTextContents();
      ensure(!versions.some((v) => v.includes(PERIOD)), 'nothing stored for September');
      await shot('32-upload-error');
    },
    // The cell fixed, the same form sent again: version 1 of September.
    async month_upload_fixed() {
      const good = fillTemplate(readFileSync(template), [
        { unit: 'CS-01', product: 'CEMENT', quantity: '1.234,5' },
        { unit: 'CS-02', product: 'CRUDE_STEEL', quantity: 12 },
      ]);
      writeFileSync(`${shots}/bao-cao.xlsx`, good);
      await upload(`${shots}/bao-cao.xlsx`);
      const result = await page.textContent('#submit-result');
      ensure(result.includes(`phiên bản 1 của Bắc Ninh (24) tháng ${PERIOD} (2 dòng)`), `stored: ${result}`);
      ensure((await page.locator('#errors').count()) === 0, 'no errors');
      const versions = await page.locator('#versions tbody tr').allTextContents();
      const september = versions.filter((v) => v.includes(PERIOD));
      ensure(september.length === 1 && september[0].includes(NOTE), `the new version: ${september}`);
      ensure(september[0].includes('Bắc Ninh (24)'), `named on the 2025 map: ${september}`);
      await shot('33-new-version');
    },
  };
}
