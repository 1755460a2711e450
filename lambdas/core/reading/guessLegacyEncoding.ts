import type { ByteSource } from './readRecords.js';

/**
 * The legacy multi-byte encodings Japanese, Chinese and Korean ERPs still export in, tried in this order (a tie goes
 * to the earlier). `euc-kr` is WHATWG's name for Windows-949, which holds EUC-KR.
 */
export const LEGACY_CJK_ENCODINGS = ['shift_jis', 'euc-jp', 'gb18030', 'big5', 'euc-kr'] as const;

/** Bytes of a file's start looked at: some thousand names and addresses, and one read of S3 or disk. */
export const GUESS_SAMPLE_BYTES = 64 * 1024;
/** Characters beyond ASCII a sample must hold for a guess: fewer say too little about a language. */
const MIN_WIDE_CHARACTERS = 8;
/**
 * Share of a reading's characters beyond ASCII that must be plausible. Right readings of customer masters score
 * 0.6–1 (kana, Hangul, common names and place words); the wrong ones of the same bytes, and Western text read as
 * CJK, score under 0.2, since they scatter over the tens of thousands of rare ideographs.
 */
const PLAUSIBLE_SHARE = 0.4;

/**
 * Ideographs common in customer masters: company forms, place words and administrative units, the commonest family
 * names, the headers of customer lists, in Japanese, simplified and traditional Chinese. A wrong reading of legacy
 * bytes lands on these only by chance.
 */
const COMMON_IDEOGRAPHS = new Set(
  [
    // Japanese: company forms, prefectures, wards, place words, family names, list headers.
    '株式会社有限合同資本店舗本支営業所事務商事会工産興物販売流通貿易衣料服飾洋品繊維企画製作研究開発管理部課係',
    '北海道青森岩手宮城秋田山形福島茨栃木群馬埼玉千葉東京神奈川新潟富石井梨長野岐阜静岡愛知三重滋賀都大阪兵庫',
    '良和歌鳥取根広徳香媛高佐崎熊分鹿児沖縄県府市区町村郡丁目番地号字通中央北南西上下前後旧港渋谷宿品黒世田杉並',
    '練板橋足立江戸葛飾台墨文荒豊島代横浜名古屋札幌仙神堺松梅心斎難波天王寺青原銀座日丸内赤坂六恵比寿官',
    '鈴渡辺伊藤小林加吉口森池阿清水斎川村後様御電話顧客得意先称住郵便送付請求分貨価格条件支払担当者備考',
    // Simplified Chinese.
    '公司责任股份集团贸易装鞋帽纺织科技发展实业商进出口国际中北京上海天津重庆广州深圳杭苏武汉成西安青岛宁波厦门',
    '福长沙郑济沈阳大连哈尔滨省县镇乡路街巷楼层室栋单元厦场心园华人民建设解放平浙湖河云贵陕甘黑吉辽龙总经理电话',
    '址邮编户码价币种款销售代表备注王李张刘陈杨黄赵吴周徐孙马朱胡郭何罗郑梁谢宋唐许韩冯邓曹彭曾肖董袁潘于蒋蔡',
    '余杜叶程魏吕丁任姚卢姜崔钟谭陆汪范金廖贾夏韦付方白邹孟熊秦邱尹薛闫段雷侯史陶黎贺顾毛郝龚邵万钱严覃戴莫孔',
    '向汤一二四五七八九十百千元年月有限',
    // Traditional Chinese.
    '實業貿易國際臺台灣雄桃園竹基隆嘉義彰化屏宜蘭花蓮澎鄉鎮里段弄樓之香港九龍界澳廈廣總經電話郵遞區號編號稱價',
    '幣別款條務備註陳黃張劉楊許鄭謝洪賴蘇葉莊呂蕭羅簡鍾游詹盧趙顏柯翁孫鄧傅薛卓阮溫藍蔣紀連馮歐湯康鄒尤巫鐘涂龔',
    '嚴韓陸凃錢伍倪譚駱顧萬俞饒闕凌辛易符',
  ].join(''),
);

const isKana = (code: number): boolean => code >= 0x3040 && code <= 0x30ff;
/**
 * Half-width katakana (ｶﾌﾞｼｷｶﾞｲｼｬ) are one byte each in Shift_JIS, 0xA1–0xDF: the very bytes of UTF-8's accented
 * letters and of Windows-1252's capitals, so they prove nothing either way and are not counted.
 */
const isHalfWidthKana = (code: number): boolean => code >= 0xff61 && code <= 0xff9f;
const isHangul = (code: number): boolean => code >= 0xac00 && code <= 0xd7a3;
/** CJK punctuation, full-width forms (ＡＢＣ１２３, （）): written in every one of these languages. */
const isWideSymbol = (code: number): boolean =>
  (code >= 0x3000 && code <= 0x303f) || (code >= 0xff01 && code <= 0xff5e);

/** The share of a text's characters beyond ASCII that a CJK customer master would hold, and how many there are. */
const plausibility = (text: string): { wide: number; share: number } => {
  let wide = 0;
  let plausible = 0;
  for (const char of text) {
    const code = char.codePointAt(0)!;
    if (code < 0x80 || isHalfWidthKana(code)) continue;
    wide += 1;
    if (isKana(code) || isHangul(code) || isWideSymbol(code) || COMMON_IDEOGRAPHS.has(char)) plausible += 1;
  }
  return { wide, share: wide === 0 ? 0 : plausible / wide };
};

/** The sample decoded strictly, or undefined when it holds bytes the encoding has no character for. */
const strictly = (encoding: string, sample: Uint8Array, whole: boolean): string | undefined => {
  try {
    // `stream` unless the sample is the whole file: a sample cut inside a character is not a bad byte.
    return new TextDecoder(encoding, { fatal: true }).decode(sample, { stream: !whole });
  } catch {
    return undefined;
  }
};

/**
 * The legacy CJK encoding (Shift_JIS, EUC-JP, GB18030, Big5, EUC-KR) a sample of a file that is not UTF-8 reads in
 * cleanly and plausibly, or `undefined`. Each is tried with a strict decoder; a reading counts only when enough of
 * its characters beyond ASCII are kana, Hangul, CJK punctuation or common ideographs, and the best one wins: these
 * encodings share byte ranges, so a wrong one often decodes without error, into rare ideographs.
 *
 * @example
 * guessLegacyEncoding(readFileSync('tokuisaki.csv').subarray(0, GUESS_SAMPLE_BYTES), false) // 'shift_jis'
 */
export const guessLegacyEncoding = (sample: Uint8Array, whole: boolean): string | undefined => {
  let best: { encoding: string; share: number } | undefined;
  for (const encoding of LEGACY_CJK_ENCODINGS) {
    const text = strictly(encoding, sample, whole);
    if (text === undefined) continue;
    const { wide, share } = plausibility(text);
    if (wide < MIN_WIDE_CHARACTERS || share < PLAUSIBLE_SHARE) continue;
    if (!best || share > best.share) best = { encoding, share };
  }
  return best?.encoding;
};

/** The first `limit` bytes of a source (fewer when the file is shorter), and whether they are the whole file. */
export const readSample = async (
  source: ByteSource,
  limit = GUESS_SAMPLE_BYTES,
): Promise<{ bytes: Uint8Array; whole: boolean }> => {
  const chunks: Uint8Array[] = [];
  let length = 0;
  const stream = source() as AsyncIterable<Uint8Array>;
  for await (const chunk of stream) {
    chunks.push(chunk);
    length += chunk.byteLength;
    if (length > limit) {
      // Leaving the loop early closes the stream (its return() destroys a Node stream).
      return { bytes: Buffer.concat(chunks).subarray(0, limit), whole: false };
    }
  }
  return { bytes: Buffer.concat(chunks), whole: true };
};
