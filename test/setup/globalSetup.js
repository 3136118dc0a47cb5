// Clerks work in China: run the tests in China's time zone. The rules do their date arithmetic in
// UTC and must not depend on it; test/rules/workdaysTimeZones.test.ts checks other zones itself.
module.exports = async () => {
  process.env.TZ = process.env.TZ || 'Asia/Shanghai';
};
