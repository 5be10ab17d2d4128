// winnow/check.h: the linter behind `winnow check`: what the clean pipeline would change in a
// document, as findings, without changing anything.
//
// check_document() runs every stage's detectors by running the pipeline with a detailed
// Report and turning each recorded change into a Finding (its category from
// data/check-categories.txt), plus what `norm --check` finds and near-empty documents. By
// construction it agrees with clean: when clean(x) != x there is at least one finding, and on
// clean output (clean(clean(x)) == clean(x)) only the document-level categories (near-empty)
// can remain. Pure and thread-safe.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "winnow/pipeline.h"

namespace winnow {

struct Finding {
  std::uint32_t line = 1, column = 1;  // 1-based, in the document
  std::string category;                // e.g. "mojibake", "boilerplate", "noncanonical"
  std::string message;
};

struct CheckOptions {
  CleanOptions clean;
  std::size_t min_words = 20;  // fewer words than this after cleaning: "near-empty"
};

// The findings for one document given as raw bytes, sorted by line, column and category.
// CLEANED, if given, receives what clean() makes of the document.
std::vector<Finding> check_document(std::string_view bytes, const CheckOptions& options,
                                    std::string* cleaned = nullptr);

// The category of a change recorded as STAGE/KIND (see data/check-categories.txt).
std::string_view category_of(std::string_view stage, std::string_view kind);

// Every category check can report, sorted: for validating --select / --ignore. Besides the
// stages' categories: "near-empty", "other", and "duplicate-document" (reported by the tool
// across a corpus, see dedupe_corpus.h).
const std::vector<std::string>& check_categories();

}  // namespace winnow
