// Saved weights: a model's parameter slab with the names and shapes of its parameters, so a trained
// network can be loaded again (same architecture) and predicts exactly as it did.
//
// File format, version 1 (all integers little-endian):
//   8 bytes  magic "GLABWTS\0"
//   u32      format version (1)
//   u32      E, the number of parameters
//   E ×      u32 name length, name bytes (UTF-8), u32 rank, rank × i64 dimensions
//   u64      N, the number of values (the sum of the entries' element counts)
//   N ×      float32 values, in slab order
// The entries are the parameters, then the buffers (batch norm's running statistics, named
// "layers.<i>.running_mean" / "running_var"), each list in the order it was declared; a model without
// buffers writes exactly what it did before buffers existed.
// A reader refuses a file with another magic, a newer version, names or shapes that differ from the
// model's, or a wrong length — with a message naming the file and the reason — and changes nothing.
#pragma once

#include <initializer_list>
#include <string>

#include "../autograd/param_store.hpp"
#include "../config/value.hpp"

namespace lab::nn {

inline constexpr unsigned kWeightsVersion = 1;

// The store's values as the bytes of a weights file (the format above).
std::string weights_bytes(const ag::ParamStore<float>& store);
// Several stores in one file (a lab with two nets), each entry's name behind its store's prefix
// ("generator." + "layers.0.weight"); all the parameters, then all the buffers, store after store.
struct NamedStore {
  const char* prefix;
  const ag::ParamStore<float>* store;
};
std::string weights_bytes(std::initializer_list<NamedStore> stores);
// Loads such a file into its stores, each from the entries behind its prefix (checked as
// load_weights_bytes checks one store); a file without any of the prefixes (one net's weights, as
// save_weights writes them) goes into the first store alone.
struct NamedTarget {
  const char* prefix;
  ag::ParamStore<float>* store;
};
void load_named_weights_bytes(std::initializer_list<NamedTarget> stores, const std::string& bytes, const std::string& name);
// Writes the store's values; throws INVALID_CONFIG naming `path` when the file cannot be written.
void save_weights(const ag::ParamStore<float>& store, const std::string& path);

// Replaces the store's values with the file's after checking it matches the store exactly.
void load_weights(ag::ParamStore<float>& store, const std::string& path);
// The same from the file's bytes (a run's stored weights); `name` stands for the file in messages.
void load_weights_bytes(ag::ParamStore<float>& store, const std::string& bytes, const std::string& name);
// Loads config key `key` (a weights file's path, or its bytes) into the store when it is there;
// INVALID_CONFIG naming the field for anything else.
void load_config_weights(ag::ParamStore<float>& store, const Reader& r, const std::string& key);
// The same for several nets in one file (load_named_weights_bytes).
void load_config_weights(std::initializer_list<NamedTarget> stores, const Reader& r, const std::string& key);

}  // namespace lab::nn
