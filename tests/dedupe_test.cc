// Dedupe inside a document, the comparison form of text and the fixed hash it rests on.
#include "winnow/dedupe.h"

#include <gtest/gtest.h>

#include <unicode/normalizer2.h>
#include <unicode/uchar.h>
#include <unicode/uscript.h>

#include <random>

#include "murmur3.h"
#include "winnow/dedupe_corpus.h"
#include "winnow/utf8.h"
#include "words.h"

namespace winnow {
namespace {

std::string hex(const internal::Hash128& h) {
  char buf[40];
  std::snprintf(buf, sizeof buf, "%016llx%016llx", static_cast<unsigned long long>(h.hi),
                static_cast<unsigned long long>(h.lo));
  return buf;
}

TEST(Murmur3, ReferenceVectors) {
  // MurmurHash3_x64_128 of the reference implementation (also Python's mmh3.hash64), seed 0.
  EXPECT_EQ(hex(internal::murmur3_128("", 0)), "00000000000000000000000000000000");
  EXPECT_EQ(hex(internal::murmur3_128("hello", 0)), "cbd8a7b341bd9b025b1e906a48ae1d19");
  EXPECT_EQ(hex(internal::murmur3_128("The quick brown fox jumps over the lazy dog", 0)),
            "e34bbc7bbc071b6c7a433ca9c49a9347");
}

std::string words_of(std::string_view text) {
  internal::Words w;
  std::string scratch;
  internal::comparison_words(text, w, scratch);
  std::string out;
  for (std::size_t i = 0; i < w.size(); ++i) out += (i ? "|" : "") + std::string(w[i]);
  EXPECT_EQ(out.size(), w.key.size());
  return out;
}

TEST(ComparisonWords, Table) {
  struct Case {
    const char* name;
    std::string in, out;
  } cases[] = {
      {"case folded, punctuation separates", "Hello, WORLD! It's", "hello|world|it|s"},
      {"curly apostrophe U+2019 same as ASCII", "It\xE2\x80\x99s", "it|s"},
      {"NFKC: ligature U+FB01 and full-width A", "\xEF\xAC\x81ne \xEF\xBC\xA1", "fine|a"},
      {"German sharp s U+00DF case-folds to ss", "Stra\xC3\x9F" "e STRASSE", "strasse|strasse"},
      {"NBSP U+00A0 and em dash U+2014 separate", "a\xC2\xA0" "b\xE2\x80\x94" "c", "a|b|c"},
      {"Cyrillic kept as letters", "\xD0\x9C\xD0\xB8\xD1\x80", "\xD0\xBC\xD0\xB8\xD1\x80"},
      {"ideographs one word each", "\xE4\xB8\xAD\xE6\x96\x87", "\xE4\xB8\xAD|\xE6\x96\x87"},
      {"digits are words", "In 2019, 5.5%", "in|2019|5|5"},
      {"ill-formed byte separates", "ab\xFF" "cd", "ab|cd"},
      {"combining mark stays in its word", "cafe\xCC\x81!", "caf\xC3\xA9"},
  };
  for (const Case& c : cases) EXPECT_EQ(words_of(c.in), c.out) << c.name;
}

TEST(ComparisonWords, FastSeparatorsAgreeWithIcu) {
  // NO-BREAK SPACE and U+2010..U+205E are separators without ICU: NFKC_Casefold must map each
  // of them to no letter, mark or number (U+2017 and U+203E, which it maps to a space and a
  // combining mark, go through ICU).
  UErrorCode status = U_ZERO_ERROR;
  const icu::Normalizer2* fold = icu::Normalizer2::getNFKCCasefoldInstance(status);
  ASSERT_TRUE(U_SUCCESS(status));
  std::vector<char32_t> fast = {0xA0};
  for (char32_t c = 0x2010; c <= 0x205E; ++c) {
    if (c != 0x2017 && c != 0x203E) fast.push_back(c);
  }
  for (char32_t c : fast) {
    icu::UnicodeString folded = fold->normalize(icu::UnicodeString(static_cast<UChar32>(c)), status);
    for (int32_t k = 0; k < folded.length(); k = folded.moveIndex32(k, 1)) {
      EXPECT_EQ(U_GET_GC_MASK(folded.char32At(k)) & (U_GC_L_MASK | U_GC_M_MASK | U_GC_N_MASK), 0u) << std::hex << static_cast<std::uint32_t>(c);
    }
    std::string text = "a";
    utf8::append(text, c);
    EXPECT_EQ(words_of(text + "b"), "a|b") << std::hex << static_cast<std::uint32_t>(c);
  }
  EXPECT_EQ(words_of("a\xE2\x80\xBE" "b"), "a|\xCC\x85" "b");  // U+203E OVERLINE -> space, U+0305
}

TEST(ComparisonWords, RunsFoldAsTheirTokens) {
  // Runs of tokens in other scripts are folded in one ICU call: the words must be those of
  // each token folded alone.
  const std::string texts[] = {
      "\xD0\x9F\xD1\x80\xD0\xB8\xD0\xB2\xD0\xB5\xD1\x82, \xD0\x9C\xD0\x98\xD0\xA0 and 2019!",  // Cyrillic, ASCII
      "\xD0\xBC\xD0\xB8\xD1\x80 <\xCC\xB8 =\xCC\xB8x",  // "<" and "=" + U+0338 compose to U+226E, U+2260
      "\xD0\xBC\xD0\xB8\xD1\x80\xE2\x80\xAA\xD0\xBC\xD0\xB8\xD1\x80",  // U+202A folds to nothing
      "\xD0\xBC\xD0\xB8\xD1\x80 ab\xFF\xD0\xB8 \xEF\xAC\x81ne",  // an ill-formed byte; ligature U+FB01
      "\xD0\xBC \xE1\x84\x80 \xE1\x85\xA1 \xEC\x95\x88\xEB\x85\x95",  // Hangul jamo L, V apart; syllables
      "\xCE\xA3\xCE\x9F\xCE\xA6\xCE\x99\xCE\x91 \xE4\xB8\xAD\xE6\x96\x87.\xE0\xB9\x84\xE0\xB8\x97\xE0\xB8\xA2",  // Greek, Han, Thai
  };
  for (const std::string& text : texts) {
    std::string alone;
    for (std::size_t i = 0; i < text.size();) {
      std::size_t j = i;
      while (j < text.size() && text[j] != ' ' && text[j] != ',' && text[j] != '.') ++j;
      std::string w = words_of(text.substr(i, j - i));
      if (!w.empty()) alone += (alone.empty() ? "" : "|") + w;
      i = j + 1;
    }
    EXPECT_EQ(words_of(text), alone) << text;
  }
}

// What ICU makes of TEXT as one token: NFKC_Casefold, then split as comparison_words splits
// its output (letters, marks and numbers join, ideographs, kana and Thai letters stand alone).
std::string icu_words(const std::string& text) {
  UErrorCode status = U_ZERO_ERROR;
  const icu::Normalizer2* fold = icu::Normalizer2::getNFKCCasefoldInstance(status);
  std::string folded;
  fold->normalize(icu::UnicodeString::fromUTF8(text), status).toUTF8String(folded);
  EXPECT_TRUE(U_SUCCESS(status));
  std::string out, word;
  auto end = [&] {
    if (!word.empty()) out += (out.empty() ? "" : "|") + word;
    word.clear();
  };
  for (std::size_t i = 0; i < folded.size();) {
    std::size_t at = i;
    const UChar32 c = static_cast<UChar32>(utf8::next(folded, i));
    UErrorCode script_status = U_ZERO_ERROR;
    const UScriptCode script = uscript_getScript(c, &script_status);
    if (c >= 0x0E00 && (u_hasBinaryProperty(c, UCHAR_IDEOGRAPHIC) || script == USCRIPT_HIRAGANA ||
                        script == USCRIPT_KATAKANA || script == USCRIPT_THAI)) {
      end();
      word = folded.substr(at, i - at);
      end();
    } else if (U_GET_GC_MASK(c) & (U_GC_L_MASK | U_GC_M_MASK | U_GC_N_MASK)) {
      word += folded.substr(at, i - at);
    } else {
      end();
    }
  }
  end();
  return out;
}

TEST(ComparisonWords, CodePointTableAgreesWithIcu) {
  // The table stands in for ICU on code points that fold alone: each must fold, in any token,
  // as ICU folds it, and have a normalisation boundary before it.
  UErrorCode status = U_ZERO_ERROR;
  const icu::Normalizer2* fold = icu::Normalizer2::getNFKCCasefoldInstance(status);
  ASSERT_TRUE(U_SUCCESS(status));
  std::size_t by_table = 0;
  for (char32_t c = 0x80; c <= 0x10FFFF; ++c) {
    if (c >= 0xD800 && c <= 0xDFFF) continue;
    const internal::CodePointFold& f = internal::code_point_fold(c);
    if (f.kind == internal::CodePointFold::kIcu) continue;
    ++by_table;
    ASSERT_TRUE(fold->hasBoundaryBefore(static_cast<UChar32>(c))) << std::hex << static_cast<std::uint32_t>(c);
    std::string alone;
    utf8::append(alone, c);
    const std::string want = icu_words(alone);
    const std::string bytes(f.bytes, f.size);
    ASSERT_EQ(f.kind == internal::CodePointFold::kSeparator ? "" : bytes, want)
        << std::hex << static_cast<std::uint32_t>(c);
    // Between two letters: joined to them, a word of its own, or a separator.
    const std::string got = words_of("x" + alone + "y");
    const std::string joined = f.kind == internal::CodePointFold::kWord ? "x" + want + "y"
                               : want.empty()                            ? "x|y"
                                                                         : "x|" + want + "|y";
    ASSERT_EQ(got, joined) << std::hex << static_cast<std::uint32_t>(c);
  }
  EXPECT_GT(by_table, 60000u);
}

TEST(ComparisonWords, MixedTokensFoldAsIcu) {
  // Tokens of code points from the table and from ICU, in random mixes: each token's words are
  // those of ICU folding it whole.
  const char32_t pool[] = {'a', 'Z', '7', 0xC9, 0xDF, 0x130, 0x301, 0x308, 0x338, 0x3A3, 0x3C2, 0x416, 0x5D0,
                           0x627, 0x64E, 0x654, 0x915, 0x93C, 0x9BE, 0x9C7, 0xE01, 0x1100, 0x1161, 0x11A8, 0x3042,
                           0x3099, 0x30AB, 0x4E2D, 0xAC00, 0xFB01, 0xFF21, 0xFF76, 0xFF9E, 0x2460, 0xA9, 0xAD,
                           0x1D400, 0x1F600, 0x20000};
  std::mt19937 rng(7);
  for (int round = 0; round < 20000; ++round) {
    std::string token;
    const int len = 1 + static_cast<int>(rng() % 6);
    for (int k = 0; k < len; ++k) utf8::append(token, pool[rng() % std::size(pool)]);
    ASSERT_EQ(words_of(token), icu_words(token)) << token;
  }
}

TEST(ComparisonWords, ALimitGivesTheFirstWordsOfTheWhole) {
  // comparison_words(text, max) stops early, even inside a token (a paragraph of Chinese is
  // one): its first max words must be the whole text's, also where what follows would compose
  // with what is before (kana + U+3099, "=" + U+0338) or is ill-formed.
  const char32_t pool[] = {'a', 'Z', '7', ' ', ' ', ',', '-', 0xA0, 0x2014, 0xC9, 0x301, 0x308, 0x338, 0x3A3, 0x416,
                           0x627, 0x64E, 0xE01, 0xE31, 0x1100, 0x1161, 0x3042, 0x3099, 0x30AB, 0x4E2D, 0x6587,
                           0xAC00, 0xFB01, 0xFF21, 0xFF9E, 0x202A, 0x1F600};
  std::mt19937 rng(11);
  internal::Words whole, first;
  std::string scratch;
  for (int round = 0; round < 20000; ++round) {
    std::string text;
    const int len = 1 + static_cast<int>(rng() % 24);
    for (int k = 0; k < len; ++k) {
      if (rng() % 40 == 0) {
        text += '\xFF';
      } else {
        utf8::append(text, pool[rng() % std::size(pool)]);
      }
    }
    internal::comparison_words(text, whole, scratch);
    for (std::size_t max = 1; max <= 4; ++max) {
      internal::comparison_words(text, first, scratch, max);
      const std::size_t n = std::min(max, whole.size());
      ASSERT_GE(first.size(), n) << text;
      for (std::size_t k = 0; k < n; ++k) ASSERT_EQ(first[k], whole[k]) << text << " max " << max;
    }
  }
}

// The texts of the blocks dedupe_blocks keeps, and the reasons of the ones it drops.
std::vector<std::string> kept(std::string_view text, std::vector<std::string>* reasons = nullptr) {
  Document doc = split(text);
  dedupe_blocks(doc);
  std::vector<std::string> out;
  for (const Block& b : doc.blocks) {
    if (b.kept()) out.push_back(b.text);
    if (!b.kept() && reasons) reasons->push_back(b.reason);
  }
  return out;
}

TEST(DedupeBlocks, HeadlineAndDekTwiceComeOutOnce) {
  std::vector<std::string> reasons;
  auto k = kept("Title Of The Story\n\nA dek that says more.\n\nTitle of the story\n\nA dek that says more!\n\nBody.",
                &reasons);
  EXPECT_EQ(k, (std::vector<std::string>{"Title Of The Story", "A dek that says more.", "Body."}));
  EXPECT_EQ(reasons, (std::vector<std::string>{"duplicate", "duplicate"}));
}

TEST(DedupeBlocks, SiteSuffixEitherWay) {
  std::vector<std::string> reasons;
  EXPECT_EQ(kept("Storm Hits the Coast - The Daily Courier\n\nStorm hits the coast\n\nBody text.", &reasons),
            (std::vector<std::string>{"Storm Hits the Coast - The Daily Courier", "Body text."}));
  EXPECT_EQ(kept("Storm Hits the Coast\n\nStorm Hits the Coast | Courier\n\nBody text."),
            (std::vector<std::string>{"Storm Hits the Coast", "Body text."}));
  EXPECT_EQ(reasons, (std::vector<std::string>{"near-duplicate"}));
  // A long suffix is not a site name: these are two different lines.
  EXPECT_EQ(kept("Storm Hits the Coast\n\nStorm Hits the Coast - and the town is cut off from the world\n\nBody.").size(), 3u);
}

TEST(DedupeBlocks, TruncatedCopyOfALongParagraph) {
  const std::string para =
      "The council voted on Monday to close the old bridge for two years while engineers replace its deck, "
      "a decision that will add twenty minutes to the commute of thousands of residents on the east side.";
  std::string text = "Bridge To Close\n\n" + para + "\n\nOther news.\n\nMore news here.\n\nAnd more.\n\nStill more.\n\n" +
                     "Then more.\n\nThe end is near.\n\n" + para.substr(0, 140) + "...";
  auto k = kept(text);
  ASSERT_EQ(k.size(), 8u);
  EXPECT_EQ(k[1], para);
}

TEST(DedupeBlocks, LongParagraphRepeatedAnywhere) {
  const std::string para =
      "Officials said the new rules, which take effect in January, would require every company with more than fifty "
      "employees to publish the pay gap between its highest and lowest earners each year.";
  std::string text = "Title\n\n" + para + "\n\n";
  for (int i = 0; i < 20; ++i) text += "Paragraph number " + std::to_string(i) + " of the story.\n\n";
  text += para;
  auto k = kept(text);
  EXPECT_EQ(k.size(), 22u);
  EXPECT_EQ(k.back(), "Paragraph number 19 of the story.");
}

TEST(DedupeBlocks, FarDownOnlyBlocksThatBeginAlikeAreCompared) {
  // Past the head only blocks that begin with the same words are compared: those that do are
  // told apart by the rest of their words, and a truncated copy is still found.
  const std::string para =
      "The council voted on Tuesday to close the old bridge to cars from March, after engineers found cracks in two "
      "of its piers that could not be repaired before the winter storms arrive.";
  const std::string other =
      "The council voted on Tuesday to open a new library in the north of the city, paid for by a grant from the state "
      "and by a tax on new offices.";
  std::string text = "Bridge to Close\n\n";
  for (int i = 0; i < 10; ++i) text += "Filler paragraph " + std::to_string(i) + " of the story.\n\n";
  text += para + "\n\n" + other + "\n\nMore filler.\n\n" + para + "\n\n" + para.substr(0, 150) + "\n\nThe end.";
  std::vector<std::string> reasons;
  auto k = kept(text, &reasons);
  ASSERT_EQ(k.size(), 15u);
  EXPECT_EQ(k[11], para);
  EXPECT_EQ(k[12], other);
  EXPECT_EQ(k[13], "More filler.");
  EXPECT_EQ(reasons, (std::vector<std::string>{"duplicate", "near-duplicate"}));
}

TEST(DedupeBlocks, ShortLegitimateRepeatsAreKept) {
  // "Yes." in an interview: one word, never a headline.
  std::string interview = "Talking to the Mayor\n\nDid you approve it?\n\nYes.\n\nAnd the budget?\n\nYes.\n\nWill it pass?\n\nYes.";
  EXPECT_EQ(kept(interview).size(), 7u);
  // A refrain after a stanza: the head has ended, and it is shorter than long_words.
  std::string poem = "Stopping by the Lake\n\nThe water is dark,\nthe fields are white.\nAnd miles to go before I sleep.\n\n"
                     "And miles to go before I sleep.\n\nAnd miles to go before I sleep.";
  EXPECT_EQ(kept(poem).size(), 4u);
  // A repeated interview question of 18 words further down is kept too.
  std::string q = "Which cuisine do you love yourself, and are there any dishes or foods that you do not like at all?";
  std::string series = "Twenty Food Bloggers\n\nWe asked them all the same questions.\n\n";
  for (int i = 0; i < 5; ++i) series += "Blogger " + std::to_string(i) + " on food and travel\n\n" + q + "\n\nA short answer.\n\n";
  EXPECT_EQ(kept(series).size(), 17u);
}

TEST(DedupeBlocks, ShortRepeatBelowTheHeadIsKept) {
  std::string text = "Election Night\n\nA long first paragraph with more than thirty words, so that the head of the document ends "
                     "here and nothing below it counts as a headline any more, whatever it looks like to a reader.\n\n"
                     "Election Night";
  EXPECT_EQ(kept(text).size(), 3u);
}

TEST(DedupeBlocks, ReportAndIgnoresDroppedBlocks) {
  Document doc = split("Same Title Here\n\nSame title here\n\nSame Title Here");
  doc.blocks[0].verdict = Verdict::kDrop;  // dropped by an earlier stage: not an original
  Report report(true);
  dedupe_blocks(doc, {}, &report);
  EXPECT_TRUE(doc.blocks[1].kept());
  EXPECT_FALSE(doc.blocks[2].kept());
  ASSERT_EQ(report.changes().size(), 1u);
  EXPECT_EQ(report.changes()[0].line, 5u);
  EXPECT_EQ(report.changes()[0].detail, "repeats line 3: Same Title Here");
  EXPECT_EQ(report.counts().at("dedupe/duplicate"), 1u);
}

// Idempotence over generated documents: blocks drawn from a small pool so that repeats (exact,
// suffixed, truncated, short and long) are frequent.
TEST(DedupeBlocks, IdempotentOnGeneratedDocuments) {
  const std::vector<std::string> pool = {
      "Yes.", "Big News Today", "Big News Today | Site", "big news, today!", "A dek about the news of the day here.",
      "One two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen seventeen "
      "eighteen nineteen twenty twenty-one twenty-two twenty-three twenty-four twenty-five twenty-six.",
      "One two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen seventeen "
      "eighteen nineteen twenty twenty-one twenty-two twenty-thr",
      "Line one\nline two of a stanza", "\xE4\xB8\xAD\xE6\x96\x87", "* * *", "Ab\xFF" "cd efg hij"};
  std::mt19937 rng(6);
  for (int round = 0; round < 500; ++round) {
    std::string text;
    int n = 1 + static_cast<int>(rng() % 12);
    for (int i = 0; i < n; ++i) text += pool[rng() % pool.size()] + "\n\n";
    Document once = split(text);
    dedupe_blocks(once);
    std::string first = render(once);
    Document twice = split(first);
    dedupe_blocks(twice);
    EXPECT_EQ(render(twice), first) << text;
  }
}

TEST(DateRank, Iso8601) {
  EXPECT_EQ(date_rank(""), UINT64_MAX);
  EXPECT_EQ(date_rank("yesterday"), UINT64_MAX);
  EXPECT_EQ(date_rank("2019-13-01"), UINT64_MAX);
  EXPECT_EQ(date_rank("2019-11-18T10:00"), date_rank("2019-11-18T10:00:00Z"));
  EXPECT_EQ(date_rank("2019-11-18T10:00:00+01:00"), date_rank("2019-11-18T09:00:00Z"));
  EXPECT_EQ(date_rank("2019-11-18T10:00:00.250-0500"), date_rank("2019-11-18T15:00:00Z"));
  EXPECT_EQ(date_rank("2019-11-19") - date_rank("2019-11-18"), 86400u);
  EXPECT_EQ(date_rank("2020-03-01") - date_rank("2020-02-28"), 2u * 86400u);  // leap year
  EXPECT_LT(date_rank("1999-12-31T23:59:59Z"), date_rank("2000-01-01"));
}

}  // namespace
}  // namespace winnow
