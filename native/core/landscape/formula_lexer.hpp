// lab::land formula tokens and the source text they came from — internal to the formula compiler.
//
// FormulaSource knows the text, maps byte offsets to the 1-based UTF-16 positions users see, and
// formats every syntax error the same way:  <what>: <problem> at position <p> (1-based): "<text>" — <hint>
// Not here: the grammar (formula_parse.cpp).
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace lab::land {

enum class Tok { Number, Name, Plus, Minus, Star, Slash, Caret, LParen, RParen, Comma, End };

struct Token {
  Tok kind;
  std::size_t at;         // byte offset in the text
  std::string_view text;  // as typed ("**", "−", "π", "²"); empty for End
  std::string_view name;  // Name: the canonical name ("pi" for "π")
  double num = 0;         // Number: its value
};

class FormulaSource {
 public:
  FormulaSource(std::string_view text, std::string what);

  std::string_view text() const { return text_; }
  const std::string& what() const { return what_; }
  int position(std::size_t byte) const { return u16_[byte] + 1; }  // 1-based, in UTF-16 units
  int length() const { return u16_.back(); }                        // in UTF-16 units

  // Throws FormulaError: "<what>: <problem> at position <p> (1-based): "<excerpt>"[ — <hint>]".
  [[noreturn]] void fail(std::size_t byte, const std::string& problem, const std::string& hint = "") const;

 private:
  std::string excerpt(std::size_t byte) const;  // the whole text, or a window around `byte`
  std::string_view text_;
  std::string what_;
  std::vector<int> u16_;  // UTF-16 units before each byte offset (size: bytes + 1)
};

// Splits the text into tokens, ending with one End token. Throws on characters outside the grammar.
std::vector<Token> lex(const FormulaSource& src);

// A token as quoted in messages: "+", "sin", "end of formula".
std::string describe(const Token& t);

}  // namespace lab::land
