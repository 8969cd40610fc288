// Transaction: one unit of writes. BEGIN IMMEDIATE on construction, COMMIT on commit(), and a
// ROLLBACK if it goes out of scope uncommitted (an exception unwinding through the writes).
#pragma once

namespace results::sqlite {

class Connection;

class Transaction {
 public:
  explicit Transaction(Connection& connection);
  ~Transaction();
  Transaction(const Transaction&) = delete;
  Transaction& operator=(const Transaction&) = delete;

  void commit();

 private:
  Connection& connection_;
  bool open_ = true;
};

}  // namespace results::sqlite
