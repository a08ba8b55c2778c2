// lab::AlignedVector: where slabs start (64 bytes; 2 MiB from kHugeFrom up), that growing and copying
// keep the values, and that the huge-page advice is taken where Linux has transparent huge pages.
#include <cstdint>
#include <filesystem>

#include "check.hpp"
#include "runtime/aligned_vector.hpp"

namespace {

std::uintptr_t address(const void* p) { return reinterpret_cast<std::uintptr_t>(p); }

}  // namespace

TEST("small slabs start on a cache line, large ones on a huge page") {
  for (std::size_t n : {1u, 3u, 1000u, 1048575u}) {  // 1048575 floats: just under kHugeFrom
    lab::AlignedVector<float> v(n);
    CHECK(address(v.data()) % 64 == 0);
  }
  lab::AlignedVector<float> big(lab::kHugeFrom / sizeof(float));
  CHECK(address(big.data()) % lab::kHugePage == 0);
  lab::AlignedVector<double> bigger(3'000'001);
  CHECK(address(bigger.data()) % lab::kHugePage == 0);
}

TEST("growing past kHugeFrom and copying keep every value") {
  lab::AlignedVector<float> v;
  for (std::size_t i = 0; i < 1'500'000; ++i) v.push_back(static_cast<float>(i % 9973) * 0.5f);
  CHECK(address(v.data()) % lab::kHugePage == 0);
  bool same = true;
  for (std::size_t i = 0; i < v.size(); ++i) same = same && v[i] == static_cast<float>(i % 9973) * 0.5f;
  CHECK(same);
  const lab::AlignedVector<float> copy = v;
  CHECK(copy == v);
  v.resize(10);
  v.shrink_to_fit();  // reallocates to a small slab: a 64-byte start again, freed with its own alignment
  CHECK(address(v.data()) % 64 == 0);
  CHECK(v[9] == 4.5f);
}

TEST("the huge-page advice is taken where the kernel has transparent huge pages") {
  lab::AlignedVector<float> big(2 * lab::kHugePage / sizeof(float));
  const bool has_thp = std::filesystem::exists("/sys/kernel/mm/transparent_hugepage/enabled");
  CHECK(lab::advise_huge_pages(big.data(), big.size() * sizeof(float)) == has_thp);
}

CHECK_MAIN()
